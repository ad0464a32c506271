import type { MessageStructureObject } from "imapflow";
import iconv from "iconv-lite";
import { decodeEncodedWords } from "./encoded-words";

// Multiparts nested deeper than messageParts() walks are not opened; a message has at most this many parts.
const MAX_DEPTH = 50;
const MAX_PARTS = 20_000;
// A part's header block is read up to this size (a 1 MB To header is cut, as the parser cuts it).
const MAX_HEADER_BYTES = 256 * 1024;

const LF = 0x0a;
const CR = 0x0d;
const DASH = 0x2d;

/**
 * A message's MIME structure read from its raw source, shaped and numbered like the IMAP server's
 * BODYSTRUCTURE (imapflow's MessageStructureObject: part numbers, types, parameters, disposition,
 * Content-ID, transfer encoding, body size), so messageParts() reads either. It runs in the render
 * worker on the source the reader fetched anyway: a BODYSTRUCTURE of thousands of parts would be
 * tokenised by imapflow on the request thread. Boundaries are matched as Dovecot matches them: a
 * line starting with "--" and the longest boundary of the open multiparts (the innermost one when a
 * nested part reuses its parent's); attached messages are leaves (messageParts() does not open them).
 */
export function messageStructure(source: Buffer): MessageStructureObject {
  const root = readHeaders(source, 0, [], "text/plain", () => false);
  if (!root.boundary) {
    root.node.size = source.length - root.bodyStart;
    return root.node;
  }
  // The open multiparts, outermost first, and the leaf whose body is being read.
  const open: { node: MessageStructureObject; path: number[]; boundary: Buffer; children: number }[] = [{ node: root.node, path: [], boundary: root.boundary, children: 0 }];
  let leaf: { node: MessageStructureObject; bodyStart: number } | null = null;
  let parts = 0;
  let at = root.bodyStart;
  while (open.length > 0 && at < source.length) {
    const lineEnd = source.indexOf(LF, at);
    const next = lineEnd < 0 ? source.length : lineEnd + 1;
    const matched = source[at] === DASH && source[at + 1] === DASH ? matchingBoundary(source, at, open) : -1;
    if (matched < 0) {
      // Only lines starting with "--" can be boundaries: jump to the next such line.
      const candidate = source.indexOf("\n--", at);
      at = candidate < 0 ? source.length : candidate + 1;
      continue;
    }
    // The line break before a boundary line belongs to the boundary, not to the part before it.
    if (leaf) leaf.node.size = Math.max(0, at - leaf.bodyStart - (source[at - 2] === CR ? 2 : 1));
    leaf = null;
    open.length = matched + 1;
    const parent = open[matched]!;
    const boundaryEnd = at + parent.boundary.length;
    if (source[boundaryEnd] === DASH && source[boundaryEnd + 1] === DASH) {
      // Its closing boundary: what follows (up to a boundary of a parent) is not read.
      open.length = matched;
      at = next;
      continue;
    }
    if (++parts > MAX_PARTS) break;
    const path = [...parent.path, ++parent.children];
    // A boundary line right away (or before the empty line) ends the part's headers: an empty part.
    const child = readHeaders(source, next, path, parent.node.type === "multipart/digest" ? "message/rfc822" : "text/plain", (line) => matchingBoundary(source, line, open) >= 0);
    parent.node.childNodes!.push(child.node);
    if (child.boundary && open.length < MAX_DEPTH) open.push({ node: child.node, path, boundary: child.boundary, children: 0 });
    else if (!child.boundary) leaf = { node: child.node, bodyStart: child.bodyStart };
    at = child.bodyStart;
  }
  if (leaf) leaf.node.size = source.length - leaf.bodyStart;
  return root.node;
}

/** Which open multipart's boundary the line at `at` is: the longest, the innermost of equals; -1 for none. */
function matchingBoundary(source: Buffer, at: number, open: { boundary: Buffer }[]): number {
  let best = -1;
  for (let index = open.length - 1; index >= 0; index--) {
    const boundary = open[index]!.boundary;
    if ((best < 0 || boundary.length > open[best]!.boundary.length) && source.compare(boundary, 0, boundary.length, at, at + boundary.length) === 0) best = index;
  }
  return best;
}

/**
 * A part's header block, from `start` to its empty line: its node (without size or children), the
 * delimiter of its parts ("--" and the boundary) when it is a multipart, and where its body starts.
 */
function readHeaders(
  source: Buffer,
  start: number,
  path: number[],
  defaultType: string,
  isBoundary: (line: number) => boolean,
): { node: MessageStructureObject; boundary: Buffer | null; bodyStart: number } {
  const bodyStart = headerEnd(source, start, isBoundary);
  const headers = headerFields(source.toString("utf8", start, Math.min(bodyStart, start + MAX_HEADER_BYTES)));
  const rawType = headers.get("content-type");
  const contentType = structuredValue(rawType ?? "");
  // Dovecot reports a Content-Type it cannot read as empty, and imapflow then says "/".
  const valid = /^[^/\s]+\/[^/\s]+$/.test(contentType.value);
  const type = rawType === undefined ? defaultType : valid ? contentType.value.toLowerCase() : "/";
  const node = { type } as MessageStructureObject;
  if (path.length > 0) node.part = path.join(".");
  if (valid && Object.keys(contentType.params).length > 0) node.parameters = contentType.params;
  const disposition = headers.get("content-disposition");
  if (disposition !== undefined) {
    const parsed = structuredValue(disposition);
    if (parsed.value) node.disposition = parsed.value.toLowerCase();
    if (Object.keys(parsed.params).length > 0) node.dispositionParameters = parsed.params;
  }
  const id = headers.get("content-id")?.trim();
  if (id) node.id = id;
  if (type.startsWith("multipart/")) {
    node.childNodes = [];
    const boundary = contentType.params.boundary;
    return { node, boundary: boundary ? Buffer.from(`--${boundary}`, "utf8") : null, bodyStart };
  }
  node.encoding = (headers.get("content-transfer-encoding")?.trim() || "7bit").toLowerCase();
  return { node, boundary: null, bodyStart };
}

/** Where the body starts: after the first empty line, at a boundary line, or at the end when the headers never end. */
function headerEnd(source: Buffer, start: number, isBoundary: (line: number) => boolean): number {
  const boundaryAt = (line: number) => source[line] === DASH && source[line + 1] === DASH && isBoundary(line);
  if (boundaryAt(start)) return start;
  if (source[start] === LF) return start + 1;
  if (source[start] === CR && source[start + 1] === LF) return start + 2;
  for (let at = source.indexOf(LF, start); at >= 0; at = source.indexOf(LF, at + 1)) {
    if (source[at + 1] === LF) return at + 2;
    if (source[at + 1] === CR && source[at + 2] === LF) return at + 3;
    if (boundaryAt(at + 1)) return at + 1;
  }
  return source.length;
}

/** The fields of a header block, unfolded, by lowercase name (the first of each). */
function headerFields(block: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of block.split(/\r?\n(?![ \t])/)) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!fields.has(name)) fields.set(name, line.slice(colon + 1).replace(/\r?\n[ \t]+/g, " "));
  }
  return fields;
}

/**
 * A structured header value ("type/subtype; name=value; ...") with its parameters decoded as
 * imapflow decodes a BODYSTRUCTURE's: encoded words, and RFC 2231 charsets and continuations.
 */
function structuredValue(raw: string): { value: string; params: Record<string, string> } {
  const [value = "", ...rest] = splitOutsideQuotes(raw);
  const plain = new Map<string, string>();
  const continued = new Map<string, { charset: string | null; pieces: { index: number; text: string; encoded: boolean }[] }>();
  for (const piece of rest) {
    const equals = piece.indexOf("=");
    // Dovecot stops reading parameters at one it cannot read (";;" included) and drops the rest.
    if (equals <= 0 || !piece.slice(0, equals).trim()) break;
    const key = piece.slice(0, equals).trim().toLowerCase();
    const text = unquote(piece.slice(equals + 1).trim());
    const match = /^(.+?)\*(?:(\d+)(\*)?)?$/.exec(key);
    if (!match) {
      plain.set(key, decodeEncodedWords(text));
      continue;
    }
    const name = match[1]!;
    const index = match[2] === undefined ? 0 : Number(match[2]);
    const encoded = match[2] === undefined || match[3] === "*";
    const entry = continued.get(name) ?? { charset: null, pieces: [] };
    let piece2231 = text;
    if (index === 0 && encoded) {
      const charset = /^([^']*)'[^']*'(.*)$/s.exec(text);
      if (charset) {
        entry.charset = charset[1] || "utf-8";
        piece2231 = charset[2]!;
      }
    }
    entry.pieces.push({ index, text: piece2231, encoded });
    continued.set(name, entry);
  }
  const params: Record<string, string> = {};
  for (const [key, text] of plain) if (key !== "__proto__") params[key] = text;
  for (const [key, { charset, pieces }] of continued) {
    if (key === "__proto__") continue;
    const ordered = pieces.sort((a, b) => a.index - b.index);
    params[key] = charset ? percentDecoded(ordered.map((piece) => piece.text).join(""), charset) : decodeEncodedWords(ordered.map((piece) => piece.text).join(""));
  }
  return { value: value.trim(), params };
}

function splitOutsideQuotes(raw: string): string[] {
  const pieces: string[] = [];
  let current = "";
  let quoted = false;
  for (let index = 0; index < raw.length; index++) {
    const char = raw[index]!;
    if (char === "\\" && quoted) {
      current += char + (raw[index + 1] ?? "");
      index++;
    } else if (char === '"') {
      quoted = !quoted;
      current += char;
    } else if (char === ";" && !quoted) {
      pieces.push(current);
      current = "";
    } else current += char;
  }
  pieces.push(current);
  return pieces;
}

function unquote(text: string): string {
  return text.startsWith('"') ? text.slice(1, text.endsWith('"') && text.length > 1 ? -1 : undefined).replace(/\\(.)/g, "$1") : text;
}

function percentDecoded(text: string, charset: string): string {
  const bytes = Buffer.from(
    text.replace(/%([0-9a-f]{2})/gi, (_match, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
    "latin1",
  );
  return iconv.encodingExists(charset) ? iconv.decode(bytes, charset) : bytes.toString("latin1");
}
