import { randomBytes } from "node:crypto";
import { connectImap, type TestMailbox } from "./mail-server";

/** Appends a message with the given body part (plain text or HTML) to INBOX and returns its UID; a reply names the message it answers. */
export async function appendBodyMessage(
  mailbox: TestMailbox,
  message: { subject: string; body: string; type: "text/plain" | "text/html"; from?: string; messageId?: string; inReplyTo?: string; date?: Date },
): Promise<number> {
  const raw = [
    `From: ${message.from ?? "Sender <sender@example.org>"}`,
    `To: ${mailbox.email}`,
    `Subject: ${message.subject}`,
    `Date: ${(message.date ?? new Date()).toUTCString()}`,
    `Message-ID: ${message.messageId ?? `<${randomBytes(8).toString("hex")}@example.org>`}`,
    ...(message.inReplyTo ? [`In-Reply-To: ${message.inReplyTo}`, `References: ${message.inReplyTo}`] : []),
    "MIME-Version: 1.0",
    `Content-Type: ${message.type}; charset=utf-8`,
    "",
    message.body,
    "",
  ].join("\r\n");
  const client = await connectImap(mailbox);
  try {
    const result = await client.append("INBOX", raw);
    if (!result || !result.uid) throw new Error("APPEND returned no UID");
    return result.uid;
  } finally {
    await client.logout();
  }
}
