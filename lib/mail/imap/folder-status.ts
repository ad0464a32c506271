import type { ImapFlow } from "imapflow";

export interface FolderCount {
  unread: number;
  total: number;
}

/** At most this many folders per request: the folder navigation of even a large account. */
export const MAX_COUNTED_FOLDERS = 500;

/**
 * Unread and total counts of the given folders, for keeping the folder navigation current.
 * Servers with LIST-STATUS (RFC 5819) answer for every folder in one command; others get one
 * STATUS per folder. A folder that is gone (or can't hold mail) is left out. When a folder is
 * selected on this connection, a NOOP first syncs its view, since its STATUS may lag otherwise.
 */
export async function countFolders(client: ImapFlow, paths: string[]): Promise<Record<string, FolderCount>> {
  const wanted = new Set(paths.slice(0, MAX_COUNTED_FOLDERS));
  const counts: Record<string, FolderCount> = {};
  if (wanted.size === 0) return counts;
  if (client.mailbox !== false) await client.noop();
  if (client.capabilities.has("LIST-STATUS")) {
    const listed = await client.list({ statusQuery: { unseen: true, messages: true } });
    for (const entry of listed) {
      if (wanted.has(entry.path) && typeof entry.status?.messages === "number") counts[entry.path] = { unread: entry.status.unseen ?? 0, total: entry.status.messages };
    }
  }
  // Without LIST-STATUS, and for what the listing left out (INBOX under a namespace prefix).
  for (const path of wanted) {
    if (counts[path]) continue;
    const status = await client.status(path, { unseen: true, messages: true }).catch(() => false as const);
    if (status) counts[path] = { unread: status.unseen ?? 0, total: status.messages ?? 0 };
  }
  return counts;
}
