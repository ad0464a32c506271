/**
 * Text -> bytes in a named charset via iconv-lite, plus an ISO-2022-JP encoder
 * (iconv-lite has none): encode as EUC-JP, then turn each JIS X 0208 byte pair
 * into its 7-bit form between ESC $ B and ESC ( B.
 */
import iconv from "iconv-lite";

const ESC_JIS = Buffer.from([0x1b, 0x24, 0x42]); // ESC $ B
const ESC_ASCII = Buffer.from([0x1b, 0x28, 0x42]); // ESC ( B

export function encodeText(text: string, charset: string): Buffer {
  const name = charset.toLowerCase();
  if (name === "utf-8" || name === "us-ascii") return Buffer.from(text, "utf8");
  if (name === "iso-2022-jp") return encodeIso2022Jp(text);
  if (!iconv.encodingExists(name)) throw new Error(`unknown charset ${charset}`);
  return iconv.encode(text, name);
}

export function encodeIso2022Jp(text: string): Buffer {
  const euc = iconv.encode(text, "euc-jp");
  const out: number[] = [];
  let jis = false;
  for (let i = 0; i < euc.length; i++) {
    const byte = euc[i]!;
    if (byte < 0x80) {
      if (jis) {
        out.push(...ESC_ASCII);
        jis = false;
      }
      out.push(byte);
    } else if (byte >= 0xa1 && byte <= 0xfe && i + 1 < euc.length) {
      if (!jis) {
        out.push(...ESC_JIS);
        jis = true;
      }
      out.push(byte - 0x80, euc[i + 1]! - 0x80);
      i++;
    } else {
      throw new Error(`character not representable in ISO-2022-JP (JIS X 0208) near byte ${i} of "${text}"`);
    }
  }
  if (jis) out.push(...ESC_ASCII);
  return Buffer.from(out);
}

/** True if the text survives a round trip through the charset (no '?' substitutions). */
export function isRepresentable(text: string, charset: string): boolean {
  const name = charset.toLowerCase();
  if (name === "utf-8") return true;
  try {
    const bytes = encodeText(text, charset);
    const decoded = name === "iso-2022-jp" ? iconv.decode(bytesFromJis(bytes), "euc-jp") : iconv.decode(bytes, name);
    return decoded === text;
  } catch {
    return false;
  }
}

/** Inverse of encodeIso2022Jp, for self-checks only. */
function bytesFromJis(bytes: Buffer): Buffer {
  const out: number[] = [];
  let jis = false;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x1b) {
      jis = bytes[i + 1] === 0x24;
      i += 2;
    } else if (jis) {
      out.push(bytes[i]! + 0x80, bytes[i + 1]! + 0x80);
      i++;
    } else out.push(bytes[i]!);
  }
  return Buffer.from(out);
}
