import { describe, expect, it } from "vitest";
import { needsNoConfirmation, newConfirmationCode } from "./send-identity-code";

describe("identity confirmation policy", () => {
  it("needs no code for the sign-in address and what the administrator vouches for, and a code for anything else", () => {
    const vouched = ["news@example.com", "example.org"];
    const cases: [string, boolean][] = [
      ["Ada@Mailroom.test", true],
      ["news@example.com", true],
      ["anyone@example.org", true],
      ["boss@mailroom.test", false],
      ["other@example.com", false],
      ["x@sub.example.org", false],
    ];
    let checked = 0;
    for (const [address, free] of cases) {
      expect(needsNoConfirmation(address, "ada@mailroom.test", vouched), address).toBe(free);
      checked++;
    }
    expect(checked).toBe(cases.length);
  });

  it("makes six-digit codes", () => {
    const codes = Array.from({ length: 200 }, newConfirmationCode);
    expect(codes.every((code) => /^\d{6}$/.test(code))).toBe(true);
    expect(new Set(codes).size).toBeGreaterThan(190);
  });
});
