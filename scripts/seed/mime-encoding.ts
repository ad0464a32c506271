/**
 * The MIME encoders the generator needs, written out so the output is exactly
 * predictable: RFC 2047 encoded-words (B and Q), base64 and quoted-printable
 * bodies, RFC 2231 parameters, header folding and RFC 5322 dates.
 */
import { encodeText } from "./charset-encoding";

const CRLF = "\r\n";

/** base64 wrapped at 76 columns with CRLF. */
export function base64Lines(data: Buffer): string {
  const b64 = data.toString("base64");
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 76) lines.push(b64.slice(i, i + 76));
  return lines.join(CRLF);
}

/** Quoted-printable (RFC 2045) of bytes whose line breaks are CRLF; soft breaks at 76. */
export function quotedPrintable(data: Buffer): string {
  const out: string[] = [];
  let line = "";
  const flush = (soft: boolean) => {
    out.push(soft ? `${line}=` : line);
    line = "";
  };
  for (let i = 0; i < data.length; i++) {
    const byte = data[i]!;
    if (byte === 0x0d && data[i + 1] === 0x0a) {
      // Trailing whitespace before a hard break must be encoded.
      const last = line.charCodeAt(line.length - 1);
      if (last === 0x20 || last === 0x09) line = `${line.slice(0, -1)}=${last.toString(16).toUpperCase().padStart(2, "0")}`;
      flush(false);
      i++;
      continue;
    }
    const literal = (byte >= 33 && byte <= 126 && byte !== 61) || byte === 0x20 || byte === 0x09;
    const token = literal ? String.fromCharCode(byte) : `=${byte.toString(16).toUpperCase().padStart(2, "0")}`;
    if (line.length + token.length > 75) flush(true);
    line += token;
  }
  if (line.length > 0) out.push(line);
  return out.join(CRLF);
}

/** Q-encoding for one encoded-word's payload (RFC 2047 section 4.2, phrase-safe). */
function qEncode(bytes: Buffer): string {
  let out = "";
  for (const byte of bytes) {
    if (byte === 0x20) out += "_";
    else if (
      (byte >= 0x30 && byte <= 0x39) ||
      (byte >= 0x41 && byte <= 0x5a) ||
      (byte >= 0x61 && byte <= 0x7a) ||
      byte === 0x21 ||
      byte === 0x2a ||
      byte === 0x2b ||
      byte === 0x2d ||
      byte === 0x2f
    ) {
      out += String.fromCharCode(byte);
    } else out += `=${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/**
 * Encodes text as one or more RFC 2047 encoded-words separated by CRLF+space, each
 * at most 75 characters and each holding whole characters (and, for stateful
 * charsets like iso-2022-jp, a complete escape-sequence-balanced chunk).
 */
export function encodeWords(text: string, charset: string, mode: "B" | "Q"): string {
  const prefix = `=?${charset}?${mode}?`;
  const budget = 75 - prefix.length - 2;
  const words: string[] = [];
  const chars = Array.from(text);
  let start = 0;
  while (start < chars.length) {
    // Grow the chunk while its encoding fits.
    let end = start + 1;
    let encoded = encodeChunk(chars.slice(start, end).join(""), charset, mode);
    while (end < chars.length) {
      const candidate = encodeChunk(chars.slice(start, end + 1).join(""), charset, mode);
      if (candidate.length > budget) break;
      encoded = candidate;
      end++;
    }
    words.push(`${prefix}${encoded}?=`);
    start = end;
  }
  return words.join(`${CRLF} `);
}

function encodeChunk(text: string, charset: string, mode: "B" | "Q"): string {
  const bytes = encodeText(text, charset);
  return mode === "B" ? bytes.toString("base64") : qEncode(bytes);
}

export function isAscii(text: string): boolean {
  return /^[\x20-\x7e]*$/.test(text);
}

/** A display name as an RFC 5322 phrase: atom, quoted-string or encoded-words. */
export function formatPhrase(name: string, charset: string, mode: "B" | "Q"): string {
  if (!isAscii(name)) return encodeWords(name, charset, mode);
  if (/^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~ ]+$/.test(name)) return name;
  return `"${name.replace(/(["\\])/g, "\\$1")}"`;
}

export interface Mailbox {
  name: string;
  address: string;
}

export function formatMailbox(mailbox: Mailbox, charset = "utf-8", mode: "B" | "Q" = "Q"): string {
  if (!mailbox.name) return `<${mailbox.address}>`;
  return `${formatPhrase(mailbox.name, charset, mode)} <${mailbox.address}>`;
}

/** Unstructured header value (e.g. Subject), encoded if not ASCII, folded if long. */
export function formatUnstructured(text: string, charset: string, mode: "B" | "Q"): string {
  return isAscii(text) ? foldAscii(text) : encodeWords(text, charset, mode);
}

/** Folds a plain ASCII value at spaces to keep lines under 78 characters. */
export function foldAscii(value: string, firstLineUsed = 10): string {
  const words = value.split(" ");
  const lines: string[] = [];
  let line = "";
  let limit = 78 - firstLineUsed;
  for (const word of words) {
    if (line && line.length + 1 + word.length > limit) {
      lines.push(line);
      line = word;
      limit = 77;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines.join(`${CRLF} `);
}

/** Joins address-list items, folding between items. */
export function formatAddressList(items: string[]): string {
  return items.join(`,${CRLF} `);
}

/**
 * RFC 2231 parameter with charset and, when long, continuations:
 *   filename*0*=utf-8''...; filename*1*=...
 */
export function rfc2231Parameter(name: string, value: string, charset = "utf-8"): string {
  const bytes = encodeText(value, charset);
  let encoded = "";
  for (const byte of bytes) {
    const ch = String.fromCharCode(byte);
    encoded += /[A-Za-z0-9\-._~!$&+^`|]/.test(ch) && byte < 0x80 ? ch : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  const full = `${charset}''${encoded}`;
  if (full.length <= 60) return `${name}*=${full}`;
  const pieces: string[] = [];
  let rest = full;
  while (rest.length > 0) {
    let cut = Math.min(50, rest.length);
    // Never split a %XX escape.
    const pct = rest.lastIndexOf("%", cut - 1);
    if (pct > cut - 3 && pct >= 0 && cut < rest.length) cut = pct;
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  return pieces.map((piece, i) => `${name}*${i}*=${piece}`).join(`;${CRLF} `);
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** RFC 5322 date of an instant as seen in a zone offset (minutes east of UTC). */
export function formatRfc5322Date(date: Date, offsetMinutes: number): string {
  const local = new Date(date.getTime() + offsetMinutes * 60_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  const sign = offsetMinutes >= 0 ? "+" : "-";
  const abs = Math.abs(offsetMinutes);
  return `${DAYS[local.getUTCDay()]}, ${local.getUTCDate()} ${MONTHS[local.getUTCMonth()]} ${local.getUTCFullYear()} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())} ${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
}
