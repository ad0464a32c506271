import { describe, expect, it } from "vitest";
import { escapeHtml } from "./escape-html";

describe("escapeHtml", () => {
  it("escapes what could end text or a quoted attribute", () => {
    expect(escapeHtml(`Ann & "Bob" <bob@example.org> it's`)).toBe("Ann &amp; &quot;Bob&quot; &lt;bob@example.org&gt; it&#39;s");
  });

  it("leaves other text alone", () => {
    expect(escapeHtml("Grüße – 你好")).toBe("Grüße – 你好");
  });
});
