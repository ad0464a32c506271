import { describe, expect, it } from "vitest";
import { folderHref, listHref, messageHref } from "./hrefs";

describe("list and message URLs", () => {
  it("encode any folder path as one segment and keep page, sort and search", () => {
    expect(folderHref("Projekte/Größe & Co")).toBe("/mail/Projekte%2FGr%C3%B6%C3%9Fe%20%26%20Co");
    expect(folderHref("INBOX", 1)).toBe("/mail/INBOX?page=2");
    expect(listHref("a.b?#", { page: 0, sort: "size", search: [["q", "x & y"]] })).toBe("/mail/a.b%3F%23?sort=size&q=x+%26+y");
    expect(messageHref("日本語", 42, { page: 2, sort: "date", search: [] })).toBe("/mail/%E6%97%A5%E6%9C%AC%E8%AA%9E/42?page=3&sort=date");
  });
});
