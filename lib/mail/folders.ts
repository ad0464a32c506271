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

function compareFolders(a: Folder, b: Folder): number {
  const rank = (folder: Folder) => (folder.specialUse && folder.parents.length === 0 ? SPECIAL_ORDER.indexOf(folder.specialUse) : SPECIAL_ORDER.length);
  return rank(a) - rank(b) || a.path.localeCompare(b.path, undefined, { sensitivity: "base" });
}
