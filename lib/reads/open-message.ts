// Server-only (the server-only package is not installed).
import type { ImapFlow } from "imapflow";
import type { CurrentSession } from "@/lib/auth/current-session";
import { withSessionMailbox } from "@/lib/auth/session-mailbox";
import { MessageNotFoundError } from "@/lib/mail/imap/load-message";
import { parseMessageParams } from "./message-params";
import { mailboxFailure, messageNotFound, type ReadResult } from "./read-result";

export interface MessageTarget {
  folder: string;
  uid: number;
}

/**
 * The opening step of every read of one message: `open` runs on the session's IMAP connection,
 * and a message (or folder) that is gone becomes "not-found", a failing server "mailbox".
 */
export async function withMessage<T>(session: CurrentSession, target: MessageTarget, open: (client: ImapFlow) => Promise<T>): Promise<ReadResult<T>> {
  try {
    return { ok: true, data: await withSessionMailbox(session, open) };
  } catch (error) {
    if (error instanceof MessageNotFoundError) return messageNotFound();
    return mailboxFailure(error);
  }
}

/** The same from a message route's own parameters; a malformed folder or UID is "not-found" too. */
export async function openMessage<T>(
  session: CurrentSession,
  params: { folder: string; uid: string },
  open: (client: ImapFlow, target: MessageTarget) => Promise<T>,
): Promise<ReadResult<T>> {
  const target = parseMessageParams(params);
  if (!target) return messageNotFound();
  return withMessage(session, target, (client) => open(client, target));
}
