// Server-only (the server-only package is not installed).
import type { CurrentSession } from "@/lib/auth/current-session";
import { countFolders, type FolderCount } from "@/lib/mail/imap/folder-status";
import { readFromMailbox } from "./mailbox-read";
import type { ReadResult } from "./read-result";

/** The unread and total counts of the folders the navigation shows, asked for every half minute while the app is open. */
export function readFolderCounts(session: CurrentSession, paths: string[]): Promise<ReadResult<Record<string, FolderCount>, "mailbox">> {
  return readFromMailbox(session, (client) => countFolders(client, paths));
}
