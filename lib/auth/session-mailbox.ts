import type { ImapFlow } from "imapflow";
import { database } from "@/lib/db/database";
import { setChosenFolderSource } from "@/lib/mail/imap/special-folders";
import { chosenFoldersOfUser } from "./chosen-folders";
import type { CurrentSession } from "./current-session";
import { imapPool } from "./imap-pool-instance";

/**
 * Runs `task` on this session's pooled IMAP connection (opened on first use, reused afterwards).
 * The special folders the user chose by hand are looked up (only when a task needs one) from here.
 */
export function withSessionMailbox<T>(session: CurrentSession, task: (client: ImapFlow) => Promise<T>): Promise<T> {
  return imapPool().run(
    session.sessionId,
    () => session.imapCredentials(),
    (client) => {
      setChosenFolderSource(client, async () => chosenFoldersOfUser(await database(), session.userId));
      return task(client);
    },
  );
}
