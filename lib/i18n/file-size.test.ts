import { describe, expect, it } from "vitest";
import { formatFileSize } from "./file-size";

describe("formatFileSize", () => {
  const cases: [number, string, string][] = [
    [1, "en", "1 byte"],
    [512, "en", "512 bytes"],
    [512, "de", "512 Byte"],
    [5_632, "en", "5.5 kB"],
    [5_632, "de", "5,5 kB"],
    [204_800, "en", "200 kB"],
    [1_572_864, "en", "1.5 MB"],
    [1_572_864, "de", "1,5 MB"],
    [2 * 1024 * 1024, "en", "2 MB"],
    [52_428_800, "de", "50 MB"],
  ];
  it.each(cases)("%d bytes in %s → %s", (bytes, locale, text) => {
    expect(formatFileSize(bytes, locale)).toBe(text);
  });
  it("covers every case", () => expect(cases).toHaveLength(10));
});
