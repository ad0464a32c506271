import addressparser from "nodemailer/lib/addressparser";
import { MessageInputError } from "../compose/build-message";

/**
 * Who a stored draft says it is from, checked before it goes out: exactly one From field with
 * exactly one address, one the user may send as; no Sender or Resent-* sender fields (nobody sends
 * on someone else's behalf); Reply-To only to the user's own addresses or an identity's Reply-To.
 * A draft is the user's own input, and it can be edited by any IMAP client, so it is read again here.
 */

export interface SenderPolicy {
  /** Addresses the user may send as (confirmed identities). */
  allowedFrom: string[];
  /** Reply-To addresses the user's identities name, besides allowedFrom. */
  allowedReplyTo: string[];
}

const FORBIDDEN_FIELDS = ["sender", "resent-from", "resent-sender"];

/** The header fields of a raw message, unfolded, names lower-cased. Only the header block is read. */
export function headerFields(raw: Buffer): { name: string; value: string }[] {
  const text = raw.toString("utf8");
  const end = text.search(/\r?\n\r?\n/);
  const block = end < 0 ? text : text.slice(0, end);
  const fields: { name: string; value: string }[] = [];
  for (const line of block.split(/\r?\n/)) {
    const last = fields[fields.length - 1];
    if (/^[ \t]/.test(line) && last) {
      last.value += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(":");
    if (colon > 0) fields.push({ name: line.slice(0, colon).trim().toLowerCase(), value: line.slice(colon + 1).trim() });
  }
  return fields;
}

function addresses(value: string): string[] {
  return addressparser(value, { flatten: true })
    .map((entry) => ("address" in entry ? (entry.address ?? "") : "").trim().toLowerCase())
    .filter(Boolean);
}

/** Returns the one From address, or throws MessageInputError saying what is wrong with the draft. */
export function checkSenderHeaders(raw: Buffer, policy: SenderPolicy): string {
  const fields = headerFields(raw);
  const forbidden = fields.find((field) => FORBIDDEN_FIELDS.includes(field.name));
  if (forbidden) {
    throw new MessageInputError("From", { key: "input.onBehalf", values: { header: forbidden.name === "sender" ? "sender" : "resent" } });
  }
  const from = fields.filter((field) => field.name === "from").flatMap((field) => [addresses(field.value)]);
  const [only] = from.length === 1 && from[0]?.length === 1 ? from[0] : [];
  if (!only) {
    throw new MessageInputError("From", { key: "input.fromCount", values: {} });
  }
  const own = new Set(policy.allowedFrom.map((address) => address.toLowerCase()));
  if (!own.has(only)) throw new MessageInputError("From", { key: "input.fromNotOwn", values: {} });
  const replyTo = new Set([...own, ...policy.allowedReplyTo.map((address) => address.toLowerCase())]);
  const stranger = fields
    .filter((field) => field.name === "reply-to")
    .flatMap((field) => addresses(field.value))
    .find((address) => !replyTo.has(address));
  if (stranger) throw new MessageInputError("From", { key: "input.replyToStranger", values: { address: stranger } });
  return only;
}
