// Server-only (the server-only package is not installed).
import type { ImapFlow } from "imapflow";

/**
 * The UIDVALIDITY of a folder just read from: with folder and UID it names one message for good.
 * The folder is still selected after the read, so this costs no command in the usual case.
 */
export async function folderUidValidity(client: ImapFlow, folder: string): Promise<string> {
  const lock = await client.getMailboxLock(folder);
  try {
    return client.mailbox ? String(client.mailbox.uidValidity) : "";
  } finally {
    lock.release();
  }
}
