import type { ImapFlow } from "imapflow";
import type { CurrentSession } from "./current-session";
import { imapPool } from "./imap-pool-instance";

/** Runs `task` on this session's pooled IMAP connection (opened on first use, reused afterwards). */
export function withSessionMailbox<T>(session: CurrentSession, task: (client: ImapFlow) => Promise<T>): Promise<T> {
  return imapPool().run(session.sessionId, () => session.imapCredentials(), task);
}
