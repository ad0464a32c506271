import { beforeAll, describe, expect, it } from "vitest";
import { sanitizeSignatureHtml } from "./signature-html";

describe("sanitizeSignatureHtml", () => {
  // The first call loads jsdom, which takes a few seconds on a busy machine.
  beforeAll(() => sanitizeSignatureHtml("<p>warm up</p>"), 60_000);

  it("keeps simple formatting and links", async () => {
    const html = '<p><strong>Ada</strong> <em>Lovelace</em><br><a href="https://example.com">site</a></p><ul><li>one</li></ul>';
    expect(await sanitizeSignatureHtml(html)).toBe(html);
  });

  it("drops scripts, event handlers, styles, images and javascript: links", async () => {
    const clean = await sanitizeSignatureHtml(
      '<p style="color:red" onclick="alert(1)">Hi<script>alert(1)</script><img src="https://t.example/pixel.gif"><a href="javascript:alert(1)">x</a></p>',
    );
    expect(clean).toBe("<p>Hi<a>x</a></p>");
  });

  it("treats an empty editor document as no signature", async () => {
    expect(await sanitizeSignatureHtml("<p></p>")).toBe("");
    expect(await sanitizeSignatureHtml("  ")).toBe("");
  });
});
