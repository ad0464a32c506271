import type { ImapFlow } from "imapflow";
import type { Transporter } from "nodemailer";
import { decodeOrigin, MessageInputError, ORIGIN_HEADER, type DraftOrigin, type MailAddress } from "../compose/build-message";
import { deleteDraft, fetchDraft } from "../compose/drafts";
import { findSpecialFolder } from "../imap/special-folders";
import { checkSenderHeaders } from "./sender-headers";
import type { SendingWords } from "../sending-words";
import { describeSmtpFailure } from "./verify";
import type { RelayConfig } from "./transport";

export type SendFailureKind = "draft-missing" | "unreachable" | "auth" | "rejected" | "failed";

/** Why a message did not go out, with the words for the reader (SendingWords). The draft is still in Drafts whenever this is thrown. */
export class SendError extends Error {
  constructor(
    readonly kind: SendFailureKind,
    readonly words: SendingWords,
  ) {
    super(`Not sent: ${words.key}`);
    this.name = "SendError";
  }
}

export interface SendDraftOptions {
  /** "<id@domain>" of the draft: its newest version in Drafts is what goes out. */
  messageId: string;
  transport: Pick<Transporter, "sendMail">;
  /** Where the transport submits to, for the words of an error. */
  relay: Pick<RelayConfig, "host" | "port" | "security">;
  /** Addresses the user may send as (confirmed identities); the draft's one From must be one of them (see sender-headers.ts). */
  allowedFrom: string[];
  /** Reply-To addresses the user's identities name. */
  allowedReplyTo?: string[];
  saveSentCopy: boolean;
  now?: Date;
}

export interface SentMessage {
  messageId: string;
  recipients: MailAddress[];
  origin: DraftOrigin | null;
  /** False when the message went out but the copy could not be appended to Sent. */
  sentCopySaved: boolean;
  /** False when the message went out but its draft could not be deleted (it would be sent again from Drafts). */
  draftDeleted: boolean;
  /** Recipients the relay refused while it took the message for the others: they did not get it. */
  refused: string[];
}

/**
 * Sends the newest version of a draft: submits it to the relay (Bcc header and Mailroom's own
 * headers removed, Date set now), appends the copy to Sent when wanted, deletes the draft and flags
 * the message it answers (\Answered) or forwards ($Forwarded). Until the relay accepted the message
 * nothing is changed, so a failure leaves the draft where it was. Once the relay accepted it nothing
 * throws (a throw would read as "not sent", and the pool's retry would send it twice): what failed
 * afterwards is reported in the result.
 */
export async function sendDraft(client: ImapFlow, options: SendDraftOptions): Promise<SentMessage> {
  const draft = await fetchDraft(client, options.messageId, [ORIGIN_HEADER.toLowerCase()]);
  if (!draft?.message.source || !draft.message.envelope) {
    throw new SendError("draft-missing", { key: "send.draftMissing", values: {} });
  }
  const { envelope, source } = draft.message;
  const from = checkSenderHeaders(source, { allowedFrom: options.allowedFrom, allowedReplyTo: options.allowedReplyTo ?? [] });
  const recipients = [...(envelope.to ?? []), ...(envelope.cc ?? []), ...(envelope.bcc ?? [])]
    .filter((entry) => entry.address)
    .map((entry) => ({ name: entry.name ?? "", address: entry.address ?? "" }));
  if (recipients.length === 0) throw new MessageInputError("To", { key: "input.noRecipient", values: {} });

  const now = options.now ?? new Date();
  const outgoing = rewriteHeaders(source, { dropBcc: true, date: now });
  let refused: string[];
  try {
    const info = (await options.transport.sendMail({ envelope: { from, to: recipients.map((entry) => entry.address) }, raw: outgoing })) as { rejected?: unknown[] } | undefined;
    refused = (info?.rejected ?? []).map(String);
  } catch (error) {
    throw describeSendFailure(error, options.relay);
  }

  const origin = decodeOrigin(originHeader(draft.message.headers));
  let sentCopySaved = true;
  if (options.saveSentCopy) {
    try {
      const sent = await findSpecialFolder(client, "\\Sent");
      await client.append(sent, rewriteHeaders(source, { dropBcc: false, date: now }), ["\\Seen"], now);
    } catch {
      sentCopySaved = false;
    }
  }
  const draftDeleted = await deleteDraft(client, options.messageId).then(
    () => true,
    () => false,
  );
  if (origin) await flagOrigin(client, origin).catch(() => undefined);
  return { messageId: options.messageId, recipients, origin, sentCopySaved, draftDeleted, refused };
}

async function flagOrigin(client: ImapFlow, origin: DraftOrigin): Promise<void> {
  const lock = await client.getMailboxLock(origin.folder);
  try {
    await client.messageFlagsAdd(String(origin.uid), [origin.kind === "reply" ? "\\Answered" : "$Forwarded"], { uid: true });
  } finally {
    lock.release();
  }
}

function originHeader(headers: Buffer | undefined): string | undefined {
  if (!headers) return undefined;
  const match = new RegExp(`^${ORIGIN_HEADER}:\\s*(.*(?:\\r?\\n[ \\t].*)*)`, "im").exec(headers.toString("latin1"));
  return match?.[1]?.replace(/\r?\n[ \t]+/g, " ");
}

/**
 * Rewrites the header block of a stored message: drops Bcc (for the relay) and Mailroom's own
 * headers, and sets Date to the moment of sending. The body is left byte for byte.
 */
export function rewriteHeaders(raw: Buffer, options: { dropBcc: boolean; date: Date }): Buffer {
  const crlf = raw.indexOf("\r\n\r\n");
  const lf = raw.indexOf("\n\n");
  const end = crlf >= 0 && (lf < 0 || crlf <= lf) ? crlf : lf;
  const headerEnd = end < 0 ? raw.length : end;
  const newline = crlf >= 0 && end === crlf ? "\r\n" : "\n";
  const lines = raw.subarray(0, headerEnd).toString("latin1").split(/\r?\n/);
  const fields: string[] = [];
  for (const line of lines) {
    if (/^[ \t]/.test(line) && fields.length > 0) fields[fields.length - 1] += newline + line;
    else fields.push(line);
  }
  const drop = (name: string) => (options.dropBcc && name === "bcc") || name.startsWith("x-mailroom-") || name === "date";
  const kept = fields.filter((field) => !drop(field.slice(0, field.indexOf(":")).trim().toLowerCase()));
  const header = [`Date: ${options.date.toUTCString().replace("GMT", "+0000")}`, ...kept].join(newline);
  return Buffer.concat([Buffer.from(header, "latin1"), raw.subarray(headerEnd)]);
}

/** Why a submission failed, for the reader's words (the draft is safe: the wording says so). Guard, DNS, TLS and sign-in failures are worded as describeSmtpFailure's. */
export function describeSendFailure(error: unknown, relay: Pick<RelayConfig, "host" | "port" | "security">): SendError {
  const err = error as { code?: string; responseCode?: number; rejected?: string[]; message?: string } | null;
  if (err?.code === "EAUTH") return new SendError("auth", describeSmtpFailure(error, relay).words);
  const dropped =
    (err?.code === "ECONNECTION" && /^Connection closed unexpectedly/.test(err.message ?? "")) || (err?.code === "ESOCKET" && /\b(ECONNRESET|EPIPE)\b/.test(err.message ?? ""));
  if (dropped) {
    // Dropped after connecting (mid-DATA, say): a relay takes a message only with its final answer.
    return new SendError("unreachable", { key: "send.dropped", values: { where: `${relay.host}:${relay.port}` } });
  }
  if (err?.code === "EENVELOPE") {
    return new SendError("rejected", { key: "send.recipientsRefused", values: { count: err.rejected?.length ?? 0, recipients: (err.rejected ?? []).join(", ") } });
  }
  if (err?.code === "EMESSAGE" || (err?.responseCode ?? 0) >= 500) {
    return new SendError("rejected", { key: err?.responseCode === 552 ? "send.tooLarge" : "send.messageRefused", values: {} });
  }
  const failure = describeSmtpFailure(error, relay);
  return new SendError(failure.kind === "auth" ? "auth" : "unreachable", failure.words);
}
