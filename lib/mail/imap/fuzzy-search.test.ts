import type { ImapFlow } from "imapflow";
import { searchCompiler } from "imapflow/lib/search-compiler.js";
import { describe, expect, it } from "vitest";
import { withFuzzyText } from "./fuzzy-search";
import type { RawAttribute } from "./raw-command";
import { toSearchObject, type SearchQuery } from "./search-query";

const EMPTY: SearchQuery = { text: "", from: "", to: "", subject: "", hasAttachment: false, unread: false, starred: false, since: "", before: "", allFolders: false };
const connection = { capabilities: new Map<string, boolean>(), enabled: new Set<string>() } as unknown as ImapFlow;

/** The criteria as words, groups in parentheses, the way they go on the wire (values unquoted). */
function spoken(criteria: RawAttribute[]): string {
  return criteria
    .map((attribute) =>
      Array.isArray(attribute) ? `(${spoken(attribute)})` : typeof attribute.value === "string" ? attribute.value : Buffer.from(attribute.value).toString("utf8"),
    )
    .join(" ");
}

function fuzzy(query: Partial<SearchQuery>): string {
  return spoken(withFuzzyText(searchCompiler(connection, toSearchObject({ ...EMPTY, ...query })) as unknown as RawAttribute[]));
}

describe("FUZZY body search", () => {
  it("marks the body key of a free-text search FUZZY and leaves the header keys exact", () => {
    expect(fuzzy({ text: "spreadsheet" })).toBe("OR OR FROM spreadsheet TO spreadsheet OR SUBJECT spreadsheet FUZZY BODY spreadsheet");
  });

  it("reads values as values: a search for the words body or text adds no FUZZY of its own", () => {
    expect(fuzzy({ subject: "body", from: "text" })).toBe("FROM text SUBJECT body");
    expect(fuzzy({ text: "text" })).toBe("OR OR FROM text TO text OR SUBJECT text FUZZY BODY text");
  });

  it("keeps the other criteria and their order around it", () => {
    expect(fuzzy({ text: "größe", unread: true, hasAttachment: true, since: "2026-03-01" })).toBe(
      "CHARSET UTF-8 OR OR FROM größe TO größe OR SUBJECT größe FUZZY BODY größe HEADER CONTENT-TYPE multipart/mixed UNSEEN SINCE 01-Mar-2026",
    );
  });

  it("rewrites parenthesised groups too", () => {
    const grouped: RawAttribute[] = [
      { type: "ATOM", value: "OR" },
      [
        { type: "ATOM", value: "TEXT" },
        { type: "ATOM", value: "a" },
        { type: "ATOM", value: "SEEN" },
      ],
      { type: "ATOM", value: "ALL" },
    ];
    expect(spoken(withFuzzyText(grouped))).toBe("OR (FUZZY TEXT a SEEN) ALL");
  });
});
