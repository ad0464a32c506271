// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { swapSignature, textWithoutSignature } from "./signature-swap";

const SUPPORT = "<p>Support desk</p>";
const SALES = "<p>Sales <strong>team</strong></p>";
const QUOTE = "<p>Ann wrote:</p><blockquote><p>Hello?</p></blockquote>";

describe("swapSignature, rich text", () => {
  const start = { html: `<p></p><p>-- </p>${SUPPORT}${QUOTE}`, text: "", plainText: false };

  it("swaps an untouched signature, keeping what was written above it and the quote below", () => {
    const written = { ...start, html: `<p>Thanks!</p><p>-- </p>${SUPPORT}${QUOTE}` };
    const swapped = swapSignature(written, start, SUPPORT, SALES);
    expect(swapped?.html).toContain("<p>Thanks!</p>");
    expect(swapped?.html).toContain("<p>Sales <strong>team</strong></p>");
    expect(swapped?.html).not.toContain("Support desk");
    expect(swapped?.html).toContain("<blockquote>");
  });

  it("leaves an edited signature alone", () => {
    const edited = { ...start, html: `<p></p><p>-- </p><p>Support desk, mornings</p>${QUOTE}` };
    expect(swapSignature(edited, start, SUPPORT, SALES)).toBeNull();
  });

  it("removes the signature for an identity without one, and adds one to an untouched message that had none", () => {
    expect(swapSignature(start, start, SUPPORT, "")?.html).not.toContain("Support desk");
    const bare = { html: "", text: "", plainText: false };
    expect(swapSignature(bare, bare, "", SALES)?.html).toContain("Sales");
    expect(swapSignature({ ...bare, html: "<p>Hi</p>" }, bare, "", SALES)).toBeNull();
  });
});

describe("swapSignature, plain text", () => {
  it("swaps the signature block as the server wrote it", () => {
    const body = { html: "", text: "Thanks!\n\n-- \nSupport desk\n\n> Hello?", plainText: true };
    expect(swapSignature(body, body, SUPPORT, SALES)?.text).toBe("Thanks!\n\n-- \nSales team\n\n> Hello?");
  });
});

describe("textWithoutSignature", () => {
  it("is what the writer wrote, without the signature", () => {
    expect(textWithoutSignature({ html: `<p></p><p>-- </p>${SUPPORT}`, text: "", plainText: false }, SUPPORT).trim()).toBe("");
    expect(textWithoutSignature({ html: "", text: "\n\n-- \nSupport desk\n", plainText: true }, SUPPORT).trim()).toBe("");
    expect(textWithoutSignature({ html: `<p>Hi</p><p>-- </p>${SUPPORT}`, text: "", plainText: false }, SUPPORT).trim()).toBe("Hi");
  });
});
