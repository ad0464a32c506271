/**
 * A tiny MIME tree and its serializer. Leaf bodies are already bytes in their
 * charset; the serializer applies the transfer encoding, so every serialized
 * message is 7-bit ASCII with CRLF line breaks.
 */
import { base64Lines, quotedPrintable } from "./mime-encoding";

export type TransferEncoding = "base64" | "quoted-printable" | "7bit";

export interface LeafPart {
  kind: "leaf";
  /** Full Content-Type value including parameters. */
  contentType: string;
  transfer: TransferEncoding;
  body: Buffer;
  /** Extra headers, e.g. "Content-Disposition: ..." or "Content-ID: <...>". */
  headers?: string[];
}

export interface MultipartPart {
  kind: "multipart";
  subtype: "mixed" | "alternative" | "related";
  boundary: string;
  parts: MimePart[];
  /** Extra Content-Type parameters, e.g. 'type="multipart/alternative"' for related. */
  params?: string;
  headers?: string[];
}

export type MimePart = LeafPart | MultipartPart;

const CRLF = "\r\n";

function encodeBody(part: LeafPart): string {
  switch (part.transfer) {
    case "base64":
      return base64Lines(part.body);
    case "quoted-printable":
      return quotedPrintable(part.body);
    case "7bit": {
      const text = part.body.toString("latin1");
      if (/[^\x00-\x7f]/.test(text)) throw new Error("7bit part contains 8-bit bytes");
      return text.replace(/\r\n$/, "");
    }
  }
}

/** Header lines (without trailing CRLF) that describe the part itself. */
export function partHeaders(part: MimePart): string[] {
  if (part.kind === "leaf") {
    return [`Content-Type: ${part.contentType}`, `Content-Transfer-Encoding: ${part.transfer}`, ...(part.headers ?? [])];
  }
  const params = part.params ? `;${CRLF} ${part.params}` : "";
  return [`Content-Type: multipart/${part.subtype};${CRLF} boundary="${part.boundary}"${params}`, ...(part.headers ?? [])];
}

/** The body of a part (what follows the blank line after its headers). */
export function partBody(part: MimePart): string {
  if (part.kind === "leaf") return encodeBody(part);
  const chunks: string[] = ["This is a multi-part message in MIME format."];
  for (const child of part.parts) {
    chunks.push(`--${part.boundary}`);
    chunks.push(`${partHeaders(child).join(CRLF)}${CRLF}`);
    chunks.push(partBody(child));
  }
  chunks.push(`--${part.boundary}--`);
  return chunks.join(CRLF);
}

/** Serializes top-level message headers plus the root part as one RFC 5322 message. */
export function serializeMessage(headers: string[], root: MimePart): Buffer {
  const all = [...headers, "MIME-Version: 1.0", ...partHeaders(root)];
  const text = `${all.join(CRLF)}${CRLF}${CRLF}${partBody(root)}${CRLF}`;
  return Buffer.from(text, "latin1");
}
