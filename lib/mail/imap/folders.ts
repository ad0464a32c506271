import type { ImapFlow, ListResponse } from "imapflow";

export type SpecialUse = "\\Inbox" | "\\Drafts" | "\\Sent" | "\\Archive" | "\\Junk" | "\\Trash";

export interface Folder {
  path: string;
  /** The folder's own name, decoded from modified UTF-7. */
  name: string;
  /** Names from the top of the tree down to this folder. */
  parents: string[];
  delimiter: string;
  specialUse: SpecialUse | null;
  subscribed: boolean;
  unread: number;
  total: number;
}

/** A folder in the navigation tree. Parents that can't hold mail (\\Noselect) are shown but not opened. */
export interface FolderNode extends Folder {
  selectable: boolean;
  children: FolderNode[];
}

const SPECIAL_ORDER: SpecialUse[] = ["\\Inbox", "\\Drafts", "\\Sent", "\\Archive", "\\Junk", "\\Trash"];

/** The folder tree with unread counts: special-use folders first in the usual order, then the rest by path. */
export async function listFolders(client: ImapFlow, options: { subscribedOnly?: boolean } = {}): Promise<Folder[]> {
  const listed = await client.list({ statusQuery: { unseen: true, messages: true } });
  const folders = listed
    .filter((entry) => !entry.flags.has("\\Noselect") && !entry.flags.has("\\NonExistent"))
    .filter((entry) => !options.subscribedOnly || entry.subscribed || entry.specialUse === "\\Inbox")
    .map(toFolder);
  return folders.sort(compareFolders);
}

/**
 * The folder tree for navigation: subscribed folders (plus Inbox and special-use folders), with
 * the parents needed to reach them, each level ordered special-use first, then by name.
 * Paths stay as imapflow reports them (decoded from modified UTF-7; imapflow encodes them again
 * in commands), names are the decoded last segment.
 */
export async function listFolderTree(client: ImapFlow): Promise<FolderNode[]> {
  // The selected folder's counts lag until its view is synced (see lockUpToDate): sync it first.
  if (client.mailbox !== false) await client.noop();
  const listed = await client.list({ statusQuery: { unseen: true, messages: true } });
  const all = new Map<string, FolderNode>();
  for (const entry of listed) {
    if (entry.flags.has("\\NonExistent")) continue;
    all.set(entry.path, { ...toFolder(entry), selectable: !entry.flags.has("\\Noselect"), children: [] });
  }
  const kept = new Map<string, FolderNode>();
  for (const node of all.values()) {
    if (!node.subscribed && node.specialUse === null) continue;
    kept.set(node.path, node);
    // Keep every ancestor, so a subscribed folder under an unsubscribed parent is reachable; a
    // parent the server doesn't list (Maildir++ keeps none for "a/b/c") is shown without a link.
    for (let depth = 1; depth <= node.parents.length; depth++) {
      const path = node.parents.slice(0, depth).join(node.delimiter);
      if (kept.has(path)) continue;
      kept.set(path, all.get(path) ?? placeholder(path, node.parents.slice(0, depth), node.delimiter));
    }
  }
  const roots: FolderNode[] = [];
  for (const node of kept.values()) {
    const parent = node.parents.length > 0 ? kept.get(node.parents.join(node.delimiter)) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const order = (list: FolderNode[]) => {
    list.sort((a, b) => rankOf(a) - rankOf(b) || a.name.localeCompare(b.name, undefined, { sensitivity: "base" }) || a.path.localeCompare(b.path));
    list.forEach((node) => order(node.children));
    return list;
  };
  return order(roots);
}

function placeholder(path: string, names: string[], delimiter: string): FolderNode {
  return {
    path,
    name: names[names.length - 1] ?? path,
    parents: names.slice(0, -1),
    delimiter,
    specialUse: null,
    subscribed: false,
    unread: 0,
    total: 0,
    selectable: false,
    children: [],
  };
}

function toFolder(entry: ListResponse): Folder {
  const specialUse = (SPECIAL_ORDER as string[]).includes(entry.specialUse ?? "") ? (entry.specialUse as SpecialUse) : null;
  return {
    path: entry.path,
    name: entry.path.toUpperCase() === "INBOX" ? "Inbox" : entry.name,
    parents: entry.parent,
    delimiter: entry.delimiter ?? "/",
    specialUse: entry.path.toUpperCase() === "INBOX" ? "\\Inbox" : specialUse,
    subscribed: Boolean(entry.subscribed),
    unread: entry.status?.unseen ?? 0,
    total: entry.status?.messages ?? 0,
  };
}

function rankOf(folder: Folder): number {
  return folder.specialUse && folder.parents.length === 0 ? SPECIAL_ORDER.indexOf(folder.specialUse) : SPECIAL_ORDER.length;
}

function compareFolders(a: Folder, b: Folder): number {
  return rankOf(a) - rankOf(b) || a.path.localeCompare(b.path, undefined, { sensitivity: "base" });
}
