import { describe, expect, it } from "vitest";
import { attributionLine, forwardSubject, quoteForForward, quoteForReply, quoteText, replySubject } from "./quote";

describe("subject prefixes", () => {
  it("adds Re: and Fwd: without stacking them", () => {
    expect(replySubject("Lunch")).toBe("Re: Lunch");
    expect(replySubject("Re: Lunch")).toBe("Re: Lunch");
    expect(replySubject("RE: re: AW: Lunch")).toBe("Re: Lunch");
    expect(forwardSubject("Fwd: Lunch")).toBe("Fwd: Lunch");
    expect(forwardSubject("FW: WG: Lunch")).toBe("Fwd: Lunch");
    expect(forwardSubject("Re: Lunch")).toBe("Fwd: Re: Lunch");
  });
});

describe("quoting", () => {
  const original = { from: "Ann <ann@example.org>", date: new Date("2026-03-03T10:15:00Z"), subject: "Plan", html: null, text: "Line one\n\n> older\nLine <two>" };

  it("prefixes text lines with > and keeps quotes of quotes as >>", () => {
    expect(quoteText("a\n\n> b\n")).toBe("> a\n>\n>> b");
  });

  it("puts an attribution line above the quote, in text and in a blockquote", () => {
    const quoted = quoteForReply(original);
    expect(attributionLine(original)).toBe("On 3 Mar 2026, 10:15 UTC, Ann <ann@example.org> wrote:");
    expect(quoted.text).toContain("Ann <ann@example.org> wrote:\n> Line one\n>\n>> older\n> Line <two>");
    expect(quoted.html).toContain("<blockquote><p>Line one</p><p>&gt; older<br>Line &lt;two&gt;</p></blockquote>");
    expect(quoted.html).toContain("Ann &lt;ann@example.org&gt; wrote:");
  });

  it("lists the original's headers above a forwarded message", () => {
    const quoted = quoteForForward({ ...original, to: "me@example.org" });
    expect(quoted.text).toContain("---------- Forwarded message ----------\nFrom: Ann <ann@example.org>\nDate: 3 Mar 2026, 10:15 UTC\nSubject: Plan\nTo: me@example.org");
    expect(quoted.html).toContain("Subject: Plan");
  });
});
