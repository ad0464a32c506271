import { describe, expect, it } from "vitest";
import { forwardSubject, quoteForForward, quoteForReply, quoteText, replySubject, type QuoteWording } from "./quote";

/** The words the compose read gives, here in a made-up language so the test sees they are used. */
const wording: QuoteWording = {
  attribution: (from, date) => (date ? `Le ${date.toISOString().slice(0, 10)}, ${from} a écrit :` : `${from} a écrit :`),
  date: (date) => date.toISOString().slice(0, 10),
  forwardHeading: "---------- Message transféré ----------",
  fields: { from: "De", date: "Date", subject: "Objet", to: "À", cc: "Cc" },
};

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
    const quoted = quoteForReply(original, wording);
    expect(quoted.text).toContain("\n\nLe 2026-03-03, Ann <ann@example.org> a écrit :\n> Line one\n>\n>> older\n> Line <two>");
    expect(quoted.html).toContain("<blockquote><p>Line one</p><p>&gt; older<br>Line &lt;two&gt;</p></blockquote>");
    expect(quoted.html).toContain("<p>Le 2026-03-03, Ann &lt;ann@example.org&gt; a écrit :</p>");
    expect(quoteForReply({ ...original, date: null }, wording).text).toContain("\n\nAnn <ann@example.org> a écrit :\n");
  });

  it("lists the original's headers above a forwarded message", () => {
    const quoted = quoteForForward({ ...original, to: "me@example.org" }, wording);
    expect(quoted.text).toContain("---------- Message transféré ----------\nDe: Ann <ann@example.org>\nDate: 2026-03-03\nObjet: Plan\nÀ: me@example.org");
    expect(quoted.html).toContain("Objet: Plan");
  });
});
