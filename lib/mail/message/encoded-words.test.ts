import { describe, expect, it } from "vitest";
import { decodeEncodedWords } from "./encoded-words";

describe("decodeEncodedWords", () => {
  it("decodes B and Q words, joining adjacent ones", () => {
    expect(decodeEncodedWords("=?utf-8?Q?Caf=C3=A9?= =?iso-8859-1?B?IGF1IGxhaXQ=?= ok")).toBe("Café au lait ok");
  });

  it("decodes charsets iconv-lite lacks as mailparser does: ISO-2022-JP, and an unknown one as UTF-8", () => {
    expect(decodeEncodedWords("=?ISO-2022-JP?B?GyRCRnxLXDhsGyhC?=")).toBe("日本語");
    expect(decodeEncodedWords("=?x-unknown?B?aGVsbG8=?=")).toBe("hello");
  });
});
