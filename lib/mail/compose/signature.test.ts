import { describe, expect, it } from "vitest";
import { withSignature } from "./signature";

describe("withSignature", () => {
  it("puts the signature behind the separator, above the quoted original", () => {
    const body = withSignature({ html: "<blockquote><p>Original</p></blockquote>", text: "> Original" }, "<p><strong>Sales Team</strong></p>");
    expect(body.html).toBe("<p></p><p>-- </p><p><strong>Sales Team</strong></p><blockquote><p>Original</p></blockquote>");
    expect(body.text.indexOf("-- \n")).toBeLessThan(body.text.indexOf("> Original"));
    expect(body.text).toContain("Sales Team");
  });

  it("leaves a message alone when the identity has no signature", () => {
    expect(withSignature({ html: "<p>x</p>", text: "x" }, "  ")).toEqual({ html: "<p>x</p>", text: "x" });
  });
});
