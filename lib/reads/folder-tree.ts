// Server-only (the server-only package is not installed).
import type { CurrentSession } from "@/lib/auth/current-session";
import { listFolderTree, type FolderNode } from "@/lib/mail/imap/folders";
import { readFromMailbox } from "./mailbox-read";
import type { ReadResult } from "./read-result";

/** The folder tree beside every page, with unread counts. */
export function readFolderTree(session: CurrentSession): Promise<ReadResult<FolderNode[], "mailbox">> {
  return readFromMailbox(session, (client) => listFolderTree(client));
}
