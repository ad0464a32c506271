// Server-only (the server-only package is not installed).
import type { Readable } from "node:stream";
import type { CurrentSession } from "@/lib/auth/current-session";
import { openMessageStream } from "@/lib/mail/imap/message-download";
import { openMessage } from "./open-message";
import type { ReadResult } from "./read-result";

/** "View source": the raw message as a stream (the mailbox lock is held until it ends). */
export function readMessageSource(session: CurrentSession, params: { folder: string; uid: string }): Promise<ReadResult<Readable>> {
  return openMessage(session, params, async (client, target) => (await openMessageStream(client, target.folder, target.uid, null)).content);
}
