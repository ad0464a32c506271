import { describe, expect, it } from "vitest";
import { toSearchObject, type SearchQuery } from "./search-query";

const EMPTY: SearchQuery = { text: "", from: "", to: "", subject: "", hasAttachment: false, unread: false, starred: false, since: "", before: "", allFolders: false };

describe("search query", () => {
  it("builds IMAP criteria: free text over from/to/subject/body, filters ANDed", () => {
    expect(toSearchObject({ ...EMPTY, text: "pizza", starred: true, hasAttachment: true, before: "2026-03-01" })).toEqual({
      or: [{ from: "pizza" }, { to: "pizza" }, { subject: "pizza" }, { body: "pizza" }],
      flagged: true,
      header: { "content-type": "multipart/mixed" },
      before: new Date("2026-03-01T00:00:00Z"),
    });
    expect(toSearchObject(EMPTY)).toEqual({ all: true });
  });
});
