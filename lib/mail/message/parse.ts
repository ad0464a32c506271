import { simpleParser, type AddressObject, type HeaderValue } from "mailparser";
import { withoutBidiControls } from "./bidi-controls";
import { listAttachments, type AttachmentInfo } from "./parts";
import { messageStructure } from "./structure";
import { declaresUtf7, decodeUtf7, decodeUtf7Header } from "./utf7";

export interface Mailbox {
  name: string;
  address: string;
}

export interface HeaderField {
  name: string;
  value: string;
}

export interface InlineImage {
  contentType: string;
  content: Buffer;
}

/** A message source decoded: every charset to Unicode, encoded words and RFC 2231 parameters resolved. */
export interface ParsedMessage {
  subject: string;
  from: Mailbox[];
  to: Mailbox[];
  cc: Mailbox[];
  replyTo: Mailbox[];
  /** ISO 8601, or null when the message has no usable Date header. */
  date: string | null;
  messageId: string | null;
  headers: HeaderField[];
  /** The HTML body as written by the sender (unsanitised), or null. */
  html: string | null;
  /** The plain-text body (format=flowed already unwrapped), or null. */
  text: string | null;
  /** Images the HTML can reference with cid:, by Content-ID (lowercase, without brackets). */
  inlineImages: Map<string, InlineImage>;
  /** The attached files, numbered as the IMAP server numbers the parts (read from the source, not from BODYSTRUCTURE). */
  attachments: AttachmentInfo[];
  /** The parser refused the message (over its limits on headers or parts): only the main headers were read, no body. */
  unreadable: boolean;
}

// Bounds on what one header may put on the page (a 1 MB Subject or To shows its beginning).
const MAX_HEADER_CHARS = 16_384;
const MAX_SUBJECT_CHARS = 2_000;
const MAX_MAILBOXES = 500;

// No text/HTML conversions and cid: links kept: the sanitiser decides what inline images become.
const PARSER_OPTIONS = { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true, keepCidLinks: true } as const;

/** Parses a raw message with mailparser (iconv-lite underneath for legacy charsets). */
export async function parseMessage(source: Buffer): Promise<ParsedMessage> {
  const attachments = listAttachments(messageStructure(source));
  let parsed: Awaited<ReturnType<typeof simpleParser>>;
  try {
    parsed = await simpleParser(source, PARSER_OPTIONS);
  } catch {
    return { ...mainHeadersOnly(source), attachments };
  }
  const inlineImages = new Map<string, InlineImage>();
  for (const attachment of parsed.attachments) {
    const id = attachment.contentId?.trim().replace(/^<|>$/g, "").toLowerCase();
    if (id && Buffer.isBuffer(attachment.content)) {
      inlineImages.set(id, { contentType: attachment.contentType.toLowerCase(), content: attachment.content });
    }
  }
  const utf7 = declaresUtf7(source);
  const rawSubject = parsed.headerLines.find((line) => line.key === "subject")?.line.replace(/^[^:]*:/, "") ?? "";
  const html = typeof parsed.html === "string" && parsed.html.trim() ? parsed.html : null;
  const text = typeof parsed.text === "string" && parsed.text.trim() ? parsed.text : null;
  return {
    subject: (decodeUtf7Header(rawSubject.slice(0, MAX_HEADER_CHARS)) ?? parsed.subject ?? "").trim().slice(0, MAX_SUBJECT_CHARS),
    from: mailboxes(parsed.from),
    to: mailboxes(parsed.to),
    cc: mailboxes(parsed.cc),
    replyTo: mailboxes(parsed.replyTo),
    date: parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date.toISOString() : null,
    messageId: parsed.messageId ?? null,
    headers: headerFields(parsed.headerLines, parsed.headers),
    html: html && utf7 ? decodeUtf7(html) : html,
    text: text && utf7 ? decodeUtf7(text) : text,
    inlineImages,
    attachments,
    unreadable: false,
  };
}

// How much of a refused message is read for its main headers (a 1 MB To may come before the Subject).
const MAX_FALLBACK_HEAD_BYTES = 2 * 1024 * 1024;

/**
 * Subject, From, To, Cc, Date and Message-ID read plainly (no decoding of encoded words) from the
 * start of a message the parser refused, so the reader still sees who sent what.
 */
function mainHeadersOnly(source: Buffer): Omit<ParsedMessage, "attachments"> {
  const head =
    source
      .subarray(0, MAX_FALLBACK_HEAD_BYTES)
      .toString("utf8")
      .split(/\r?\n\r?\n/, 1)[0] ?? "";
  const fields = new Map<string, string>();
  for (const line of head.split(/\r?\n(?![ \t])/)) {
    const colon = line.indexOf(":");
    const name = line.slice(0, colon).trim().toLowerCase();
    if (colon > 0 && !fields.has(name))
      fields.set(
        name,
        line
          .slice(colon + 1)
          .replace(/\r?\n[ \t]+/g, " ")
          .trim()
          .slice(0, MAX_HEADER_CHARS),
      );
  }
  const date = new Date(fields.get("date") ?? "");
  const mailbox = (value: string | undefined): Mailbox[] => {
    if (!value) return [];
    const open = value.indexOf("<");
    const close = value.indexOf(">", open);
    if (open < 0 || close < 0) return [{ name: "", address: value.split(",", 1)[0]!.trim() }];
    return [{ name: withoutBidiControls(value.slice(0, open).trim().replace(/^"|"$/g, "")), address: value.slice(open + 1, close).trim() }];
  };
  return {
    subject: (fields.get("subject") ?? "").slice(0, MAX_SUBJECT_CHARS),
    from: mailbox(fields.get("from")),
    to: mailbox(fields.get("to")),
    cc: mailbox(fields.get("cc")),
    replyTo: [],
    date: Number.isNaN(date.getTime()) ? null : date.toISOString(),
    messageId: fields.get("message-id") ?? null,
    headers: [...fields].map(([name, value]) => ({ name, value })),
    html: null,
    text: null,
    inlineImages: new Map(),
    unreadable: true,
  };
}

function mailboxes(value: AddressObject | AddressObject[] | undefined): Mailbox[] {
  const objects = Array.isArray(value) ? value : value ? [value] : [];
  const result: Mailbox[] = [];
  const visit = (entries: AddressObject["value"]) => {
    for (const entry of entries) {
      if (entry.group) visit(entry.group);
      else if (entry.address || entry.name) {
        result.push({
          name: withoutBidiControls(entry.name ?? "")
            .trim()
            .slice(0, MAX_HEADER_CHARS),
          address: (entry.address ?? "").trim().slice(0, MAX_HEADER_CHARS),
        });
      }
    }
  };
  for (const object of objects) visit(object.value);
  return result.slice(0, MAX_MAILBOXES);
}

/** Every header in order, with decoded values where mailparser decoded them. */
function headerFields(lines: ReadonlyArray<{ key: string; line: string }>, decoded: Map<string, HeaderValue>): HeaderField[] {
  const seen = new Map<string, number>();
  return lines.map(({ key, line }) => {
    const name = line.slice(0, Math.max(0, line.indexOf(":"))).trim() || key;
    const raw = line
      .slice(line.indexOf(":") + 1)
      .replace(/\r?\n[ \t]+/g, " ")
      .trim();
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    const value = decoded.get(key);
    // Decoded values exist once per name; repeated headers (Received) keep their raw text.
    const text = occurrence === 0 && value !== undefined ? headerText(value) : null;
    return { name: name.slice(0, 256), value: (text ?? raw).slice(0, MAX_HEADER_CHARS) };
  });
}

function headerText(value: HeaderValue): string | null {
  if (typeof value === "string") return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toUTCString();
  if (Array.isArray(value)) {
    const parts = (value as (string | { value: string })[]).map((item) => (typeof item === "string" ? item : item.value));
    return parts.length > 1 ? null : (parts[0] ?? null);
  }
  if ("text" in value && typeof value.text === "string") return value.text;
  if ("value" in value && typeof value.value === "string" && "params" in value) {
    const params = Object.entries(value.params ?? {})
      .map(([key, param]) => `; ${key}=${param}`)
      .join("");
    return `${value.value}${params}`;
  }
  return null;
}
