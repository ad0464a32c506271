import { describe, expect, it } from "vitest";
import { boundHtml, textOfHtml } from "./bounded-html";

const limits = { maxDepth: 4, maxElements: 100 };
const bounded = (html: string) => {
  const result = boundHtml(html, limits);
  if (!result.ok) throw new Error(result.reason);
  return result.html;
};

describe("boundHtml", () => {
  it("leaves ordinary HTML as it is", () => {
    const html = `<p class="a">Hi <b>there</b></p><table><tr><td>x</td></tr></table><img src="a.png"><br/>`;
    expect(bounded(html)).toBe(html);
  });

  it("drops tags nested deeper than the limit, with their end tags, and keeps their text", () => {
    expect(bounded("<div><div><div><div><div><div>deep</div></div></div></div></div></div>after")).toBe("<div><div><div><div>deep</div></div></div></div>after");
  });

  it("closes what a parser would close: paragraphs, list items, cells, unclosed elements at the end", () => {
    expect(bounded("<p>a<p>b<p>c<p>d<p>e")).toBe("<p>a</p><p>b</p><p>c</p><p>d</p><p>e</p>");
    expect(bounded("<ul><li>a<li>b<li>c<li>d<li>e</ul>")).toBe("<ul><li>a</li><li>b</li><li>c</li><li>d</li><li>e</li></ul>");
    expect(bounded("<div><b>x</div>y")).toBe("<div><b>x</b></div>y");
  });

  it("does not count a self-closed HTML element as closed (the parser does not either), but does in SVG", () => {
    expect(bounded("<div/><div/><div/><div/><div/>x")).toBe("<div/><div/><div/><div/>x</div></div></div></div>");
    expect(bounded("<svg><rect/><rect/><rect/><rect/><rect/></svg>")).toBe("<svg><rect/><rect/><rect/><rect/><rect/></svg>");
  });

  it("reads quoted attributes with > in them and raw text elements whole", () => {
    expect(bounded(`<a title="x>y" href='z'>l</a><style>p > a { color: red }</style><script>if (a<b) {}</script>`)).toBe(
      `<a title="x>y" href='z'>l</a><style>p > a { color: red }</style><script>if (a<b) {}</script>`,
    );
  });

  it("refuses HTML with more elements than allowed", () => {
    expect(boundHtml("<br>".repeat(101), limits)).toEqual({ ok: false, reason: "too-many-elements" });
  });

  it("is linear on hostile input", () => {
    const inputs = ["<div>".repeat(200_000), "<a b='".repeat(100_000), "<".repeat(500_000), "</x".repeat(200_000), "<style>".repeat(100_000)];
    for (const input of inputs) {
      const started = Date.now();
      boundHtml(input, { maxDepth: 200, maxElements: 1_000_000 });
      expect(Date.now() - started, input.slice(0, 10)).toBeLessThan(1_000);
    }
  });
});

describe("textOfHtml", () => {
  it("keeps the text, leaves out scripts and styles, and stops at the limit", () => {
    expect(textOfHtml("<style>p{}</style><p>Hello &amp; welcome</p><script>x()</script><p>again</p>", 100)).toBe("Hello & welcome\n\nagain");
    expect(textOfHtml("<br>".repeat(1_000_000) + "x".repeat(1_000), 50).length).toBeLessThanOrEqual(50);
  });
});
