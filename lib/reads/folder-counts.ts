// Server-only (the server-only package is not installed).
import type { CurrentSession } from "@/lib/auth/current-session";
import { countFolders, MAX_COUNTED_FOLDERS, type FolderCount } from "@/lib/mail/imap/folder-status";
import { readFromMailbox } from "./mailbox-read";
import type { ReadResult } from "./read-result";

const MAX_PATH = 1000;

/** Paths the counts may be asked for: at most MAX_COUNTED_FOLDERS, each non-empty, bounded and without control characters. */
export function validFolderCountPaths(paths: string[]): boolean {
  return paths.length <= MAX_COUNTED_FOLDERS && paths.every((path) => path.length > 0 && path.length <= MAX_PATH && !/[\u0000-\u001f\u007f]/.test(path));
}

/** The unread and total counts of the folders the navigation shows, asked for every half minute while the app is open. */
export function readFolderCounts(session: CurrentSession, paths: string[]): Promise<ReadResult<Record<string, FolderCount>, "mailbox">> {
  return readFromMailbox(session, (client) => countFolders(client, paths));
}
