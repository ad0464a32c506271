import { createReadStream } from "node:fs";
import { convert } from "html-to-text";
import addressparser from "nodemailer/lib/addressparser";
import MailComposer from "nodemailer/lib/mail-composer";
import { z } from "zod";
import type { SendingWords } from "../sending-words";

export interface MailAddress {
  name: string;
  address: string;
}

/** A file on disk (an upload) that goes into the message; streamed, never read whole. */
export interface MessageAttachment {
  filename: string;
  contentType: string;
  path: string;
  /** For images shown inside the HTML (`src="cid:…"`). */
  cid?: string;
}

/** The message a draft answers or forwards, so that sending can flag it (\Answered or $Forwarded). */
export interface DraftOrigin {
  kind: "reply" | "forward";
  folder: string;
  uid: number;
}

export interface MessageInput {
  /** "<id@domain>", kept from the first draft to the sent message. */
  messageId: string;
  date?: Date;
  from: MailAddress;
  replyTo?: string | null;
  to: MailAddress[];
  cc: MailAddress[];
  bcc: MailAddress[];
  subject: string;
  /** Null in plain-text mode. */
  html: string | null;
  /** Used in plain-text mode; in HTML mode the text part is made from the HTML. */
  text: string;
  attachments: MessageAttachment[];
  inReplyTo?: string | null;
  references?: string[];
  origin?: DraftOrigin | null;
}

/** Header used only inside drafts to remember what they answer; removed before sending. */
export const ORIGIN_HEADER = "X-Mailroom-Origin";

/** Something in the message the user must fix: the header field it is in, and the words for the reader (SendingWords). */
export class MessageInputError extends Error {
  constructor(
    readonly field: string,
    readonly words: SendingWords,
  ) {
    super(`${field}: ${words.key}`);
    this.name = "MessageInputError";
  }
}

/** "Reply-To" → "replyto": a header's name as the words choose it ({field, select, …}). */
function fieldCode(field: string): string {
  return field.toLowerCase().replace(/[^a-z]/g, "");
}

const UNSAFE_HEADER_CHARS = /[\r\n\0]/;
const emailSchema = z.email();
const MESSAGE_ID = /^<[^<>\s@"]+@[^<>\s@"]+>$/;

/** Refuses CR, LF and NUL, which would let a value start a new header (header injection). */
export function assertHeaderSafe(field: string, value: string): void {
  if (UNSAFE_HEADER_CHARS.test(value)) {
    throw new MessageInputError(field, { key: "input.headerLineBreak", values: { field: fieldCode(field) } });
  }
}

/** Parses "Ann <ann@example.org>, bob@example.org" into addresses, or throws naming the entry that is wrong. */
export function parseAddressList(field: string, value: string): MailAddress[] {
  assertHeaderSafe(field, value);
  if (!value.trim()) return [];
  const parsed = addressparser(value, { flatten: true });
  return parsed.map((entry) => {
    const address = entry.address.trim();
    if (!emailSchema.safeParse(address).success) {
      throw new MessageInputError(field, { key: "input.invalidAddress", values: { field: fieldCode(field), entry: (entry.name || entry.address || value).trim() } });
    }
    return { name: entry.name.trim(), address };
  });
}

export function formatAddress(address: MailAddress): string {
  if (!address.name) return address.address;
  const quoted = /[",;<>@()[\]:\\]/.test(address.name) ? `"${address.name.replace(/["\\]/g, "\\$&")}"` : address.name;
  return `${quoted} <${address.address}>`;
}

/** The plain-text alternative of an HTML body: links kept as "text [url]", quotes as "> ". */
export function plainTextFromHtml(html: string): string {
  return convert(html, {
    wordwrap: 78,
    selectors: [
      { selector: "img", format: "skip" },
      { selector: "a", options: { hideLinkHrefIfSameAsText: true } },
    ],
  });
}

export function isMessageId(value: string): boolean {
  return MESSAGE_ID.test(value);
}

/** Every header-bound value checked: no line breaks, valid addresses, well-formed ids. */
export function checkMessageInput(input: MessageInput): void {
  assertHeaderSafe("Subject", input.subject);
  const addressFields: [string, MailAddress[]][] = [
    ["From", [input.from]],
    ["To", input.to],
    ["Cc", input.cc],
    ["Bcc", input.bcc],
  ];
  for (const [field, list] of addressFields) {
    for (const entry of list) {
      assertHeaderSafe(field, entry.name);
      assertHeaderSafe(field, entry.address);
      if (!emailSchema.safeParse(entry.address).success) {
        throw new MessageInputError(field, { key: "input.invalidAddress", values: { field: fieldCode(field), entry: entry.address } });
      }
    }
  }
  if (input.replyTo) parseAddressList("Reply-To", input.replyTo);
  for (const id of [input.messageId, input.inReplyTo ?? "<x@x>", ...(input.references ?? [])]) {
    if (!isMessageId(id)) throw new MessageInputError("Message-ID", { key: "input.malformedMessageId", values: {} });
  }
  for (const attachment of input.attachments) {
    assertHeaderSafe("Attachment name", attachment.filename);
    assertHeaderSafe("Attachment type", attachment.contentType);
  }
}

export function encodeOrigin(origin: DraftOrigin): string {
  return `${origin.kind}; uid=${origin.uid}; folder=${Buffer.from(origin.folder, "utf8").toString("base64url")}`;
}

export function decodeOrigin(value: string | undefined | null): DraftOrigin | null {
  const match = /^(reply|forward); uid=(\d+); folder=([A-Za-z0-9_-]*)$/.exec((value ?? "").trim());
  if (!match) return null;
  return { kind: match[1] as DraftOrigin["kind"], uid: Number(match[2]), folder: Buffer.from(match[3] ?? "", "base64url").toString("utf8") };
}

/**
 * The text/plain part's content. An empty string would make nodemailer leave the part out, sending
 * an empty HTML body as a bare text/html part (or a plain one without its charset): an empty body
 * is an empty buffer, which still gets its part.
 */
function textBody(text: string): string | Buffer {
  return text || Buffer.alloc(0);
}

function htmlDocument(fragment: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"></head><body>${fragment}</body></html>`;
}

/**
 * Builds the MIME message: multipart/alternative (text + HTML) or text only, attachments streamed
 * from disk, inline images as multipart/related, threading headers. `keepBcc` for drafts and the
 * Sent copy; never for what goes to the relay.
 */
export async function buildMessage(input: MessageInput, options: { keepBcc: boolean; keepOrigin: boolean }): Promise<Buffer> {
  checkMessageInput(input);
  const composer = new MailComposer({
    messageId: input.messageId,
    date: input.date ?? new Date(),
    from: input.from,
    replyTo: input.replyTo || undefined,
    to: input.to,
    cc: input.cc,
    bcc: input.bcc,
    subject: input.subject,
    text: textBody(input.html === null ? input.text : plainTextFromHtml(input.html)),
    html: input.html === null ? undefined : htmlDocument(input.html),
    inReplyTo: input.inReplyTo || undefined,
    references: input.references?.length ? input.references : undefined,
    headers: options.keepOrigin && input.origin ? { [ORIGIN_HEADER]: encodeOrigin(input.origin) } : undefined,
    attachments: input.attachments.map((attachment) => ({
      filename: attachment.filename,
      contentType: attachment.contentType,
      content: createReadStream(attachment.path),
      cid: attachment.cid,
      contentDisposition: attachment.cid ? ("inline" as const) : ("attachment" as const),
    })),
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  const root = composer.compile();
  root.keepBcc = options.keepBcc;
  return new Promise((resolve, reject) => root.build((error, message) => (error ? reject(error) : resolve(message))));
}
