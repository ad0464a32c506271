import { describe, expect, it } from "vitest";
import { isSearch, parseSearchQuery, searchQueryParams } from "./search-params";

describe("search URL parameters", () => {
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
});
