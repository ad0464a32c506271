import { describe, expect, it } from "vitest";
import { isSearch, parseSearchQuery, searchQueryParams, toSearchObject } from "./search-query";

describe("search query", () => {
  it("parses URL parameters, ignoring malformed dates and an empty search", () => {
    const query = parseSearchQuery({ q: " invoice ", unread: "1", since: "2026-02-30x", before: "2026-03-01", scope: "all" });
    expect(query).toMatchObject({ text: "invoice", unread: true, starred: false, since: "", before: "2026-03-01", allFolders: true });
    expect(isSearch(query)).toBe(true);
    expect(isSearch(parseSearchQuery({ scope: "all", q: "  " }))).toBe(false);
  });

  it("round-trips through URL parameters", () => {
    const query = parseSearchQuery({ from: "dana", attachment: "1", scope: "all" });
    expect(parseSearchQuery(Object.fromEntries(searchQueryParams(query)))).toEqual(query);
  });

  it("builds IMAP criteria: free text over from/to/subject/body, filters ANDed", () => {
    expect(toSearchObject(parseSearchQuery({ q: "pizza", starred: "1", attachment: "1", before: "2026-03-01" }))).toEqual({
      or: [{ from: "pizza" }, { to: "pizza" }, { subject: "pizza" }, { body: "pizza" }],
      flagged: true,
      header: { "content-type": "multipart/mixed" },
      before: new Date("2026-03-01T00:00:00Z"),
    });
    expect(toSearchObject(parseSearchQuery({}))).toEqual({ all: true });
  });
});
