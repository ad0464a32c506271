import { describe, expect, it } from "vitest";
import { linkify, renderPlainText } from "./plain-text";

describe("linkify", () => {
  it("links http, https, www and mail addresses, without trailing punctuation", () => {
    expect(linkify("See https://example.com/a?b=1. Or www.example.org, or mail bob@example.com!")).toEqual([
      { kind: "text", text: "See " },
      { kind: "link", text: "https://example.com/a?b=1", href: "https://example.com/a?b=1" },
      { kind: "text", text: ". Or " },
      { kind: "link", text: "www.example.org", href: "https://www.example.org/" },
      { kind: "text", text: ", or mail " },
      { kind: "link", text: "bob@example.com", href: "mailto:bob@example.com" },
      { kind: "text", text: "!" },
    ]);
  });

  it("keeps balanced parentheses and drops the closing one of a sentence", () => {
    expect(linkify("(https://en.example/wiki/A_(b))")).toContainEqual({ kind: "link", text: "https://en.example/wiki/A_(b)", href: "https://en.example/wiki/A_(b)" });
  });

  it("never makes links of other schemes", () => {
    const segments = linkify('javascript:alert(1) data:text/html,x vbscript:y file:///etc/passwd ftp://x.example "><script>');
    expect(segments.filter((segment) => segment.kind === "link")).toEqual([]);
  });
});

describe("renderPlainText", () => {
  it("groups quoted lines into a foldable quote, nested quotes inside", () => {
    const blocks = renderPlainText("Thanks!\n> You wrote:\n> > Original\n> back\nBye");
    expect(blocks).toEqual([
      { kind: "text", segments: [{ kind: "text", text: "Thanks!" }] },
      {
        kind: "quote",
        lineCount: 3,
        blocks: [
          { kind: "text", segments: [{ kind: "text", text: "You wrote:" }] },
          { kind: "quote", lineCount: 1, blocks: [{ kind: "text", segments: [{ kind: "text", text: "Original" }] }] },
          { kind: "text", segments: [{ kind: "text", text: "back" }] },
        ],
      },
      { kind: "text", segments: [{ kind: "text", text: "Bye" }] },
    ]);
  });
});

describe("linkify on hostile input", () => {
  it("is linear: long runs of address characters, dots, at signs and parentheses", () => {
    const inputs = ["a.".repeat(200_000), "a@".repeat(200_000), "x".repeat(400_000), `https://x.example/${")".repeat(200_000)}`, "a.a@b.".repeat(60_000), "www.a.".repeat(60_000)];
    for (const input of inputs) {
      const started = Date.now();
      linkify(input);
      expect(Date.now() - started, input.slice(0, 12)).toBeLessThan(1_000);
    }
  });

  it("finds addresses among words and in words up to a bound", () => {
    expect(linkify("mail a.b+c@mail.example.org. now").filter((segment) => segment.kind === "link")).toEqual([
      { kind: "link", text: "a.b+c@mail.example.org", href: "mailto:a.b+c@mail.example.org" },
    ]);
    expect(linkify(`${"y".repeat(20_000)}https://x.example`)).toEqual([{ kind: "text", text: `${"y".repeat(20_000)}https://x.example` }]);
  });
});
