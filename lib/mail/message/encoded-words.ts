import iconv from "iconv-lite";
import libmime from "libmime";

const ENCODED_WORD = /=\?([^?\s*]+)(?:\*[^?\s]*)?\?([bq])\?([^?\s]*)\?=/gi;

/**
 * Decodes the RFC 2047 encoded words of a header value with iconv-lite; a charset it lacks goes to
 * libmime (mailparser's and imapflow's decoder), which knows ISO-2022-JP and reads a charset
 * nobody knows as UTF-8, as the message view and ENVELOPE always have. Whitespace between two
 * encoded words is dropped (RFC 2047 section 6.2).
 */
export function decodeEncodedWords(raw: string): string {
  if (!raw.includes("=?")) return raw;
  const unfolded = raw.replace(/\r?\n[ \t]+/g, " ");
  const joined = unfolded.replace(/(\?=)\s+(?==\?)/g, "$1");
  return joined.replace(ENCODED_WORD, (word, charset: string, encoding: string, payload: string) => {
    const bytes =
      encoding.toLowerCase() === "b"
        ? Buffer.from(payload, "base64")
        : Buffer.from(
            payload.replace(/_/g, " ").replace(/=([0-9a-f]{2})/gi, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
            "latin1",
          );
    if (iconv.encodingExists(charset)) return iconv.decode(bytes, charset);
    return libmime.decodeWords(word) || word;
  });
}
