// Server-only (the server-only package is not installed).
import type { CurrentSession } from "@/lib/auth/current-session";
import { listManagedFolders, type ManagedFolder } from "@/lib/mail/imap/folder-admin";
import { readFromMailbox } from "./mailbox-read";
import type { ReadResult } from "./read-result";

/** Settings → Folders: every folder, subscribed or not, in tree order with its counts. */
export function readManagedFolders(session: CurrentSession): Promise<ReadResult<ManagedFolder[], "mailbox">> {
  return readFromMailbox(session, (client) => listManagedFolders(client));
}
