import { describe, expect, it } from "vitest";
import { hasOwnColours, messageFrameNotice, themedFrameDocument } from "./body";

describe("hasOwnColours", () => {
  const cases: [string, boolean][] = [
    ["<p>Hello <b>there</b></p>", false],
    ['<p style="margin:0">Plain layout only</p>', false],
    ['<p style="border-color: red">A border is not a text colour</p>', false],
    ['<td style="color:#881337">Red text</td>', true],
    ['<div style="margin:0; background-color: #fff">A white card</div>', true],
    ['<div style="background:#ffe4e6">Pink</div>', true],
    ['<table bgcolor="#eee"><tr><td>Grey</td></tr></table>', true],
    ['<font color="red">Old school</font>', true],
    ["<style>.x { color: navy }</style><p class=x>Styled</p>", true],
  ];
  it.each(cases)("%s → %s", (html, expected) => {
    expect(hasOwnColours(html)).toBe(expected);
  });
  it("checked every case", () => expect(cases).toHaveLength(9));
});

describe("themedFrameDocument", () => {
  const document = "<!doctype html><html><head><title>x</title><style>body{}</style></head><body><p>Hi</p></body></html>";

  it("leaves the author's light document as it is", () => {
    expect(themedFrameDocument(document, "light")).toBe(document);
  });

  it("adds one style sheet after the frame's own, on screens only", () => {
    for (const theme of ["dark", "system", "invert"] as const) {
      const themed = themedFrameDocument(document, theme);
      expect(themed.match(/<style>/g)).toHaveLength(2);
      expect(themed.indexOf("@media screen")).toBeGreaterThan(themed.indexOf("body{}"));
      expect(themed.indexOf("@media screen")).toBeLessThan(themed.indexOf("</head>"));
    }
    expect(themedFrameDocument(document, "system")).toContain("(prefers-color-scheme: dark)");
    expect(themedFrameDocument(document, "invert")).toContain("invert(1)");
  });

  it("keeps a document without a head unchanged", () => {
    expect(themedFrameDocument("<p>no head</p>", "dark")).toBe("<p>no head</p>");
  });

  it("gives notices a background of their own, so the loading placeholder never shows through", () => {
    expect(messageFrameNotice("Gone")).toContain('<html style="background: #fff">');
  });
});
