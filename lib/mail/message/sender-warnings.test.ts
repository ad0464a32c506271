import { describe, expect, it } from "vitest";
import { isOneEditApart, lookalikeDomain, senderWarnings, skeletonOf } from "./sender-warnings";

const known = ["paypal.com", "acme-corp.example", "bank.example.co.uk"];

describe("senderWarnings: the display name", () => {
  it("warns when the name shows another address than the real one", () => {
    expect(senderWarnings({ name: "service@paypal.com", address: "billing@evil.example" }, [])).toEqual([
      { kind: "display-name-address", shownAddress: "service@paypal.com", realAddress: "billing@evil.example" },
    ]);
    expect(senderWarnings({ name: "PayPal (service@paypal.com)", address: "x@evil.example" }, [])[0]).toMatchObject({ shownAddress: "service@paypal.com" });
  });
  it("says nothing when the name shows the real address, in any case, or none", () => {
    expect(senderWarnings({ name: "Ann <Ann@Acme-Corp.example>", address: "ann@acme-corp.example" }, known)).toEqual([]);
    expect(senderWarnings({ name: "Ann at Acme", address: "ann@acme-corp.example" }, known)).toEqual([]);
  });
});

describe("lookalikeDomain", () => {
  it("a Cyrillic а in place of the Latin a", () => {
    expect(lookalikeDomain("pаypal.com", known)).toMatchObject({ reason: "confusable-characters", resembles: "paypal.com" });
  });
  it("the same, written as punycode, is decoded and caught", () => {
    const punycode = new URL("http://pаypal.com").hostname;
    expect(punycode.startsWith("xn--")).toBe(true);
    expect(lookalikeDomain(punycode, known)).toMatchObject({ domain: punycode, displayDomain: "pаypal.com", resembles: "paypal.com", reason: "confusable-characters" });
  });
  it("digits for letters: paypa1.com, and a Greek ο", () => {
    expect(lookalikeDomain("paypa1.com", known)).toMatchObject({ reason: "confusable-characters" });
    expect(lookalikeDomain("acme-cοrp.example", known)).toMatchObject({ reason: "confusable-characters", resembles: "acme-corp.example" });
  });
  it("one edit away: a letter added, dropped, changed or two swapped", () => {
    for (const domain of ["paypall.com", "paypl.com", "paypak.com", "papyal.com", "acme-crop.example"]) {
      expect(lookalikeDomain(domain, known), domain).toMatchObject({ reason: "one-edit" });
    }
  });
  it("says nothing for a known domain, its subdomains, or an unrelated one", () => {
    expect(lookalikeDomain("PayPal.com.", known)).toBeUndefined();
    expect(lookalikeDomain("mail.paypal.com", known)).toBeUndefined();
    expect(lookalikeDomain("example.org", known)).toBeUndefined();
    expect(senderWarnings({ address: "ann@acme-corp.example" }, known)).toEqual([]);
  });
});

describe("isOneEditApart (Damerau–Levenshtein distance exactly 1)", () => {
  it.each([
    ["abc", "abd", true],
    ["abc", "abcd", true],
    ["abc", "ac", true],
    ["abc", "acb", true],
    ["aab", "aba", true],
    ["abc", "abc", false],
    ["abc", "cba", false],
    ["abcd", "ab", false],
    ["abcd", "badc", false],
  ])("%s / %s → %s", (left, right, expected) => {
    expect(isOneEditApart(left, right)).toBe(expected);
  });
  it("skeletons meet across scripts", () => {
    expect(skeletonOf("раураl")).toBe(skeletonOf("paypal"));
  });
});
