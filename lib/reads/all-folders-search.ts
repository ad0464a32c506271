// Server-only (the server-only package is not installed).
import type { CurrentSession } from "@/lib/auth/current-session";
import { listFolders, type Folder } from "@/lib/mail/imap/folders";
import type { MessagePage } from "@/lib/mail/imap/message-list";
import { searchMessagePage } from "@/lib/mail/imap/search";
import type { SearchQuery } from "@/lib/mail/imap/search-query";
import { readFromMailbox } from "./mailbox-read";
import type { ReadResult } from "./read-result";

/** Results shown per folder; the folder's own search shows them all. */
export const RESULTS_PER_FOLDER = 20;

/** "All folders" search, first step: the subscribed folders to search, one after another. */
export function readSearchFolders(session: CurrentSession): Promise<ReadResult<Folder[], "mailbox">> {
  return readFromMailbox(session, (client) => listFolders(client, { subscribedOnly: true }));
}

/**
 * "All folders" search, one folder's results (newest first). The session has one pooled IMAP
 * connection, so folders are searched one after another on it (each takes the mailbox lock in
 * turn; imapflow queues the commands), never on extra connections.
 */
export function readFolderSearchResults(session: CurrentSession, folder: string, query: SearchQuery): Promise<ReadResult<MessagePage, "mailbox">> {
  return readFromMailbox(session, (client) => searchMessagePage(client, folder, query, { page: 0, pageSize: RESULTS_PER_FOLDER, sort: "date" }));
}
