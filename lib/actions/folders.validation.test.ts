import { describe, expect, it } from "vitest";
import { createFolderSchema, deleteFolderSchema, renameFolderSchema } from "./folders.validation";

describe("folder action input", () => {
  it("accepts names with accents, quotes, ampersands and inner spaces, trimming the ends", () => {
    const accepted = ["Réunions 2026", 'Q&A "draft"', "  Name with spaces  ", "日本語", "a.b"];
    const names = accepted.map((name) => createFolderSchema.parse({ parent: null, name }).name);
    expect(names).toEqual(["Réunions 2026", 'Q&A "draft"', "Name with spaces", "日本語", "a.b"]);
  });

  it("refuses empty, over-long, control characters and a leading or trailing delimiter", () => {
    const refused = ["", "   ", "x".repeat(201), "two\r\nlines", "nul\u0000", "tab\there", "/top", "end/", ".hidden", "dot."];
    let seen = 0;
    for (const name of refused) {
      expect(createFolderSchema.safeParse({ parent: null, name }).success, JSON.stringify(name)).toBe(false);
      seen++;
    }
    expect(seen).toBe(refused.length);
  });

  it("bounds paths and counts", () => {
    expect(renameFolderSchema.safeParse({ path: "a".repeat(1001), name: "b" }).success).toBe(false);
    expect(renameFolderSchema.safeParse({ path: "INBOX\nA002 DELETE x", name: "b" }).success).toBe(false);
    expect(deleteFolderSchema.safeParse({ path: "Old", confirmedMessages: -1 }).success).toBe(false);
    expect(deleteFolderSchema.safeParse({ path: "Old", confirmedMessages: 1.5 }).success).toBe(false);
    expect(deleteFolderSchema.safeParse({ path: "Old", confirmedMessages: 3 }).success).toBe(true);
  });
});
