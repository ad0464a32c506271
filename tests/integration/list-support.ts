import { randomBytes } from "node:crypto";
import type { ImapFlow } from "imapflow";
import { connectImap, type TestMailbox } from "../support/mail-server";

/** An imapflow connection whose client-sent command lines are recorded (imapflow logs them at debug with src "c"). */
export async function connectLogged(mailbox: TestMailbox): Promise<{ client: ImapFlow; commands: string[] }> {
  const commands: string[] = [];
  const record = (entry: { src?: string; msg?: string }) => {
    if (entry?.src === "c" && typeof entry.msg === "string") commands.push(entry.msg);
  };
  const client = await connectImap(mailbox, { logger: { debug: record, info: record, warn: () => undefined, error: () => undefined } });
  return { client, commands };
}

export interface RawMessage {
  subject: string;
  from?: string;
  to?: string;
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  date: Date;
  body?: string;
  /** Raw header lines to add (e.g. an encoded Subject instead of `subject`). */
  headers?: string[];
  contentType?: string;
}

/** RFC 5322 bytes of a small message with exactly the headers given. */
export function rawMessage(message: RawMessage): string {
  const lines = [
    `From: ${message.from ?? "Sender <sender@example.org>"}`,
    `To: ${message.to ?? "reader@mailroom.test"}`,
    ...(message.headers?.some((line) => /^subject:/i.test(line)) ? [] : [`Subject: ${message.subject}`]),
    `Date: ${message.date.toUTCString()}`,
    `Message-ID: ${message.messageId ?? `<${randomBytes(8).toString("hex")}@example.org>`}`,
    ...(message.inReplyTo ? [`In-Reply-To: ${message.inReplyTo}`] : []),
    ...(message.references?.length ? [`References: ${message.references.join(" ")}`] : []),
    ...(message.headers ?? []),
    "MIME-Version: 1.0",
    `Content-Type: ${message.contentType ?? "text/plain; charset=utf-8"}`,
    "",
    message.body ?? "Hello.",
    "",
  ];
  return lines.join("\r\n");
}
