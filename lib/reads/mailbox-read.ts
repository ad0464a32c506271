// Server-only (the server-only package is not installed).
import type { ImapFlow } from "imapflow";
import type { CurrentSession } from "@/lib/auth/current-session";
import { withSessionMailbox } from "@/lib/auth/session-mailbox";
import { mailboxFailure, type ReadResult } from "./read-result";

/** Runs `task` on the session's IMAP connection; a failing mail server is a "mailbox" failure, said in plain words. */
export async function readFromMailbox<T>(session: CurrentSession, task: (client: ImapFlow) => Promise<T>): Promise<ReadResult<T, "mailbox">> {
  try {
    return { ok: true, data: await withSessionMailbox(session, task) };
  } catch (error) {
    return mailboxFailure(error);
  }
}
