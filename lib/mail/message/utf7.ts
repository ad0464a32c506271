import iconv from "iconv-lite";
import { decodeEncodedWords } from "./encoded-words";

// mailparser passes UTF-7 through undecoded (it is plain ASCII on the wire); these finish the job.

const UTF7_CHARSET = /charset\s*=\s*"?(?:unicode-1-1-)?utf-7\b/i;

/** Whether any part of the message declares the UTF-7 charset. */
export function declaresUtf7(source: Buffer): boolean {
  return UTF7_CHARSET.test(source.toString("latin1"));
}

/** Text that mailparser left in UTF-7, decoded; text that is not pure ASCII was decoded already and is kept. */
export function decodeUtf7(text: string): string {
  return /^[\x00-\x7f]*$/.test(text) ? iconv.decode(Buffer.from(text, "latin1"), "utf-7") : text;
}

/**
 * Decodes an RFC 2047 header value that holds a UTF-7 encoded word (every word, in any charset
 * iconv-lite knows, so a mixed value comes out whole); null when it holds none.
 */
export function decodeUtf7Header(raw: string): string | null {
  if (!/=\?(?:unicode-1-1-)?utf-7\b/i.test(raw)) return null;
  return decodeEncodedWords(raw);
}
