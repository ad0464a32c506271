import addressparser from "nodemailer/lib/addressparser";
import { withoutBidiControls } from "../message/bidi-controls";
import { decodeEncodedWords } from "../message/encoded-words";

/**
 * The header fields a list row, a thread or a conversation needs, fetched as text
 * (`BODY.PEEK[HEADER.FIELDS (…)]`) in place of ENVELOPE and BODYSTRUCTURE. imapflow turns an
 * ENVELOPE into objects on the request thread, one per address: a message with 60,000 recipients
 * held it for ~0.8 s, and a BODYSTRUCTURE of 3,000 parts for up to 0.5 s, in every list that
 * showed them. Header text arrives as one literal, whatever its size, and is read here only up to
 * a bound per field. To and Cc are not asked for: no row shows them.
 */
export const SUMMARY_HEADER_FIELDS = ["from", "subject", "date", "message-id", "in-reply-to", "content-type"];
/** What threading needs: the Message-IDs a message names, its subject and date. */
export const THREAD_HEADER_FIELDS = ["subject", "date", "message-id", "in-reply-to", "references"];

// What is read of one field's value, however long it is: enough for any real From or Subject.
const MAX_FIELD_CHARS = 4_096;
// References lists a thread's Message-IDs oldest first; its end (the nearest ancestors) matters most.
const MAX_REFERENCES_CHARS = 64 * 1024;
const MAX_SUBJECT_CHARS = 2_000;
// Header text beyond this is not read at all (Dovecot sends the asked-for fields whatever their size).
const MAX_HEADER_TEXT_BYTES = 8 * 1024 * 1024;

export interface SummaryHeaders {
  from: { name: string; address: string } | null;
  subject: string;
  /** The Date header, or null when it is missing or unreadable. */
  date: Date | null;
  messageId: string;
  inReplyTo: string;
  /** The References field as sent (its end kept when it is cut). */
  references: string;
  /** Whether the message looks like it carries attachments, from its top-level Content-Type (as Roundcube's list does). */
  hasAttachments: boolean;
}

/** Reads the summary fields from the header text a FETCH returned (`message.headers`). */
export function summaryHeaders(headerText: Buffer | undefined): SummaryHeaders {
  const fields = headerFieldValues(headerText ? headerText.subarray(0, MAX_HEADER_TEXT_BYTES).toString("utf8") : "");
  const date = fields.get("date") ? new Date(fields.get("date")!) : null;
  return {
    from: firstMailbox(fields.get("from") ?? ""),
    subject: decodeEncodedWords(fields.get("subject") ?? "")
      .trim()
      .slice(0, MAX_SUBJECT_CHARS),
    date: date && !Number.isNaN(date.getTime()) ? date : null,
    messageId: fields.get("message-id")?.trim() ?? "",
    inReplyTo: fields.get("in-reply-to")?.trim() ?? "",
    references: fields.get("references") ?? "",
    hasAttachments: looksLikeAttachments(fields.get("content-type") ?? ""),
  };
}

/**
 * The first value of each field, unfolded, names in lower case. A value is cut to MAX_FIELD_CHARS
 * (References keeps its last MAX_REFERENCES_CHARS); one pass over the text, so a field of any
 * size costs its length once and keeps only what is read.
 */
function headerFieldValues(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  let name = "";
  let value = "";
  const finish = () => {
    if (name && !fields.has(name)) fields.set(name, name === "references" ? value.trim().slice(-MAX_REFERENCES_CHARS) : value.trim().slice(0, MAX_FIELD_CHARS));
    name = "";
    value = "";
  };
  const add = (piece: string) => {
    if (name === "references") {
      value = `${value} ${piece}`;
      if (value.length > 2 * MAX_REFERENCES_CHARS) value = value.slice(-MAX_REFERENCES_CHARS);
    } else if (value.length <= MAX_FIELD_CHARS) {
      value = `${value} ${piece.slice(0, MAX_FIELD_CHARS)}`;
    }
  };
  for (const line of text.split("\n")) {
    const content = line.endsWith("\r") ? line.slice(0, -1) : line;
    if (content.startsWith(" ") || content.startsWith("\t")) {
      if (name) add(content.trim());
      continue;
    }
    finish();
    const colon = content.indexOf(":");
    if (colon > 0) {
      name = content.slice(0, colon).trim().toLowerCase();
      add(content.slice(colon + 1).trim());
    }
  }
  finish();
  return fields;
}

function firstMailbox(value: string): { name: string; address: string } | null {
  if (!value) return null;
  const [first] = addressparser(value, { flatten: true });
  if (!first || (!first.address && !first.name)) return null;
  return { name: withoutBidiControls(decodeEncodedWords(first.name ?? "")).trim(), address: (first.address ?? "").trim() };
}

function looksLikeAttachments(contentType: string): boolean {
  const type = contentType.split(";", 1)[0]!.trim().toLowerCase();
  if (type === "multipart/mixed") return true;
  return /^(application|image|audio|video)\//.test(type);
}
