import { describe, expect, it } from "vitest";
import { sanitizeMessageHtml, type SanitizeOptions, type SanitizedHtml } from "./html";
import { ENGLISH_LINK_WARNINGS } from "@/tests/support/link-warning-words";

function sanitized(html: string, options: SanitizeOptions): SanitizedHtml {
  const result = sanitizeMessageHtml(html, options);
  if (!result.ok) throw new Error(`not sanitised: ${result.reason}`);
  return result.value;
}
const blocked = (html: string) => sanitized(html, { allowRemote: false, linkWarnings: ENGLISH_LINK_WARNINGS });
const allowed = (html: string) => sanitized(html, { allowRemote: true, linkWarnings: ENGLISH_LINK_WARNINGS });

describe("sanitizeMessageHtml", () => {
  it("removes scripts in every form", () => {
    const { html } = blocked(
      `<script>alert(1)</script><p onclick="alert(2)" onmouseover="x()">hi</p><a href="javascript:alert(3)">a</a><a href=" JaVaScRiPt:alert(4)">b</a>` +
        `<a href="vbscript:msgbox(1)">c</a><iframe src="https://x.example"></iframe><object data="x.swf"></object><embed src="x.swf">` +
        `<svg onload="alert(5)"><script>alert(6)</script></svg><math><mtext><script>alert(7)</script></mtext></math>` +
        `<a href="data:text/html,<script>alert(8)</script>">d</a><noscript><img src=x onerror=alert(9)></noscript>`,
    );
    expect(html).not.toMatch(/<script|onclick|onmouseover|onload|onerror|javascript:|vbscript:|<iframe|<object|<embed|data:text/i);
    expect(html).toContain("hi");
  });

  it("removes forms and their controls, base, meta refresh and links to style sheets", () => {
    const { html } = blocked(
      `<base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=https://evil.example"><link rel="stylesheet" href="https://evil.example/s.css">` +
        `<form action="https://evil.example/steal"><input name="password"><textarea>t</textarea><select><option>o</option></select><button formaction="https://x">Send</button></form>`,
    );
    expect(html).not.toMatch(/<base|<meta|<link|<form|<input|<textarea|<select|<button|formaction|evil\.example/i);
  });

  it("neutralises CSS that loads or escapes: url(), @import, image-set, expression, -moz-binding, behavior, fixed/sticky", () => {
    const { html, remoteContentBlocked } = blocked(
      `<style>@import url("https://evil.example/a.css"); @import 'b.css'; .a { background: url(https://evil.example/bg.png) } .b { position: fixed; top: 0 } .c { position:sticky }` +
        ` .d { background-image: image-set("https://evil.example/x.png" 1x) } .e { width: expression(alert(1)) } .f { -moz-binding: url(x.xml#xss) } .g { behavior: url(x.htc) }</style>` +
        `<div style="background: u\\72l(https://evil.example/escaped.png); position: fixed">x</div>` +
        `<div style="background:url(/*c*/'https://evil.example/comment.png')">y</div>`,
    );
    expect(html).not.toMatch(/@import|evil\.example|position:\s*(fixed|sticky)|expression\(|-moz-binding|behavior\s*:|[^-]image-set\(/i);
    expect(html).toContain("position: static");
    expect(remoteContentBlocked).toBe(true);
  });

  it("keeps CSS and style attributes that load nothing", () => {
    const { html } = blocked(`<style>p { color: red; font-weight: bold }</style><p style="color: blue; margin: 4px">x</p>`);
    expect(html).toContain("p { color: red; font-weight: bold }");
    expect(html).toContain('style="color: blue; margin: 4px"');
  });

  it("blocks remote images until allowed, and keeps the address aside", () => {
    const source = `<img src="https://images.example/logo.png" width="120" height="40" alt="logo"><td background="http://images.example/bg.jpg">t</td>`;
    const before = blocked(source);
    expect(before.remoteContentBlocked).toBe(true);
    expect(before.html).not.toMatch(/\ssrc="https:/);
    expect(before.html).toContain('data-remote-src="https://images.example/logo.png"');
    const after = allowed(source);
    expect(after.remoteContentBlocked).toBe(false);
    expect(after.html).toContain('src="https://images.example/logo.png"');
  });

  it("allows raster data: images and inline cid: images, never SVG data", () => {
    const { html } = blocked(`<img src="data:image/png;base64,iVBORw0KGgo="><img src="data:image/svg+xml;base64,PHN2Zz4="><img src="cid:Logo@Example"><img src="cid:missing@x">`);
    expect(html).toContain('src="data:image/png;base64,iVBORw0KGgo="');
    expect(html).not.toContain("svg+xml");
    const withCid = sanitized(`<img src="cid:Logo@Example">`, {
      allowRemote: false,
      linkWarnings: ENGLISH_LINK_WARNINGS,
      resolveCid: (id) => (id === "logo@example" ? "data:image/gif;base64,R0lGOD" : undefined),
    });
    expect(withCid.html).toContain('src="data:image/gif;base64,R0lGOD"');
  });

  it("drops tracking pixels even when remote content is allowed", () => {
    const result = allowed(
      `<img src="https://t.example/a.gif" width="1" height="1"><img src="https://t.example/b.gif" style="width:0px;height:0px">` +
        `<img src="https://t.example/c.gif" style="display:none"><img src="https://x.list-manage.com/track/open.php?u=1" width="600">` +
        `<img src="https://images.example/photo.jpg" width="600" height="400">`,
    );
    expect(result.trackersRemoved).toBe(4);
    expect(result.html).toContain("photo.jpg");
    expect(result.html).not.toMatch(/t\.example|list-manage/);
  });

  it("opens links in a new tab without referrer and flags links whose text names another domain", () => {
    const result = blocked(
      `<a href="https://bank.example/login">https://bank.example/login</a> <a href="https://evil.example/login">www.bank.example</a> <a href="mailto:a@b.example">mail</a>`,
    );
    expect(result.html.match(/target="_blank"/g)).toHaveLength(3);
    expect(result.html.match(/rel="noopener noreferrer"/g)).toHaveLength(3);
    expect(result.suspiciousLinks).toBe(1);
    expect(result.html).toContain('title="This link goes to evil.example, not www.bank.example"');
    expect(result.html).toContain('class="mailroom-link-warning"');
  });

  it("flags link text that names a host with a look-alike letter, and text that names another site in punycode", () => {
    const result = blocked(
      `<a href="https://p\u0430ypal.example/">https://p\u0430ypal.example/</a> <a href="https://xn--pypal-4ve.com/">paypal.com</a> <a href="https://paypal.example/">paypal.example</a>`,
    );
    expect(result.suspiciousLinks).toBe(2);
    expect(result.html).toContain("This link goes to p\u0430ypal.example (xn--pypal-4ve.example), whose name mixes Latin and Cyrillic letters");
    expect(result.html).toContain("This link goes to p\u0430ypal.com (xn--pypal-4ve.com), not paypal.com");
  });

  it("removes relative and unknown-scheme links and SVG use with external references", () => {
    const { html } = blocked(`<a href="/api/messages">rel</a><a href="ftp://x.example">ftp</a><svg><use href="https://evil.example/s.svg#a"></use><use href="#local"></use></svg>`);
    expect(html).not.toMatch(/href="\/api|ftp:|evil\.example/);
  });

  it("does not carry state from one call to the next", () => {
    expect(blocked(`<img src="https://images.example/a.png" width="50">`).remoteContentBlocked).toBe(true);
    const next = blocked(`<p>plain</p>`);
    expect(next).toMatchObject({ remoteContentBlocked: false, trackersRemoved: 0, suspiciousLinks: 0 });
  });

  it("keeps styles from the head and the body's own style", () => {
    const { html } = blocked(`<html><head><style>h1 { color: green }</style></head><body bgcolor="#eeeeee" style="margin: 0"><h1>Title</h1></body></html>`);
    expect(html).toMatch(/^<style>h1 \{ color: green \}<\/style><div class="mailroom-message" style="background-color: #eeeeee; margin: 0"><h1>Title<\/h1><\/div>$/);
  });
});

describe("sanitizeMessageHtml bounds", () => {
  it("keeps only the first 200 levels of a deeply nested body, quickly, and keeps its text", () => {
    const started = Date.now();
    const result = sanitized(`<p>hi</p>${"<div>".repeat(15_000)}deep${"</div>".repeat(15_000)}`, { allowRemote: false, linkWarnings: ENGLISH_LINK_WARNINGS });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result.html).toContain("deep");
    expect(result.html.split("<div>").length - 1).toBeLessThanOrEqual(200);
  });

  it("does not sanitise a body that is too large or has too many elements", () => {
    expect(sanitizeMessageHtml("<br>".repeat(300_000), { allowRemote: false, linkWarnings: ENGLISH_LINK_WARNINGS })).toEqual({ ok: false, reason: "too-large" });
    expect(sanitizeMessageHtml("<br>".repeat(30_000), { allowRemote: false, linkWarnings: ENGLISH_LINK_WARNINGS })).toEqual({ ok: false, reason: "too-complex" });
  });
});
