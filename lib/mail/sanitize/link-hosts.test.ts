import { describe, expect, it } from "vitest";
import { deceptiveLinkWarning, hostNamedIn, mixedScripts, sameSite, type LinkWarningWords } from "./link-hosts";
import germanWords from "@/messages/de/linkWarnings.json";
import { ENGLISH_LINK_WARNINGS } from "@/tests/support/link-warning-words";

describe("hostNamedIn", () => {
  it("reads a host from link text only when the text is an address, in Unicode and IDNA form", () => {
    expect(hostNamedIn("https://Bank.example/login")).toEqual({ unicode: "bank.example", ascii: "bank.example" });
    expect(hostNamedIn("bank.example:8443/x")).toEqual({ unicode: "bank.example", ascii: "bank.example" });
    expect(hostNamedIn("https://p\u0430ypal.example/")).toEqual({ unicode: "p\u0430ypal.example", ascii: "xn--pypal-4ve.example" });
    expect(hostNamedIn("xn--pypal-4ve.com")).toEqual({ unicode: "p\u0430ypal.com", ascii: "xn--pypal-4ve.com" });
    expect(hostNamedIn("Click here")).toBeNull();
    expect(hostNamedIn("version 1.2")).toBeNull();
    expect(hostNamedIn("mail me at a@b.example")).toBeNull();
  });
});

describe("sameSite", () => {
  it("treats subdomains of one registrable domain as the same site", () => {
    expect(sameSite("www.bank.example", "login.bank.example")).toBe(true);
    expect(sameSite("bank.co.uk", "www.bank.co.uk")).toBe(true);
    expect(sameSite("bank.example", "evil.example")).toBe(false);
  });
});

describe("mixedScripts", () => {
  it("names the scripts of a label that mixes Latin with Cyrillic or Greek", () => {
    expect(mixedScripts("p\u0430ypal")).toEqual(["Latin", "Cyrillic"]);
    expect(mixedScripts("\u03bfpen")).toEqual(["Greek", "Latin"]);
  });
  it("accepts one script, digits and hyphens, and the mixes of real East Asian names", () => {
    const names = ["paypal", "\u043f\u0440\u0438\u043c\u0435\u0440", "b\u00fccher-24", "\u65e5\u672c\u3054", "sony\u30b9\u30c8\u30a2", "\u4e2d\u6587"];
    expect(names.filter((name) => mixedScripts(name) !== null)).toEqual([]);
    expect(names).toHaveLength(6);
  });
});

describe("deceptiveLinkWarning", () => {
  const cases: Array<[text: string, href: string, warning: string | null]> = [
    ["https://bank.example/login", "https://bank.example/login", null],
    ["www.bank.example", "https://evil.example/login", "This link goes to evil.example, not www.bank.example"],
    // Issue 9: a Cyrillic а in the text, the link going to exactly that host.
    [
      "https://p\u0430ypal.example/",
      "https://p\u0430ypal.example/",
      "This link goes to p\u0430ypal.example (xn--pypal-4ve.example), whose name mixes Latin and Cyrillic letters: it may imitate another site",
    ],
    // Issue 9: plain text, a punycode destination.
    ["paypal.com", "https://xn--pypal-4ve.com/", "This link goes to p\u0430ypal.com (xn--pypal-4ve.com), not paypal.com"],
    ["https://p\u0430ypal.example/", "https://paypal.example/", "This link goes to paypal.example, not p\u0430ypal.example"],
    ["b\u00fccher.example", "https://xn--bcher-kva.example/", null],
    ["Click here", "https://xn--pypal-4ve.com/", null],
    ["paypal.com", "mailto:someone@paypal.com", null],
  ];
  it("warns about text naming another site or a host mixing alphabets, and only then", () => {
    expect(cases.map(([text, href]) => deceptiveLinkWarning(text, new URL(href), ENGLISH_LINK_WARNINGS))).toEqual(cases.map(([, , warning]) => warning));
    expect(cases).toHaveLength(8);
  });

  it("words the warning in the reader's language, the alphabets named by Intl", () => {
    const german: LinkWarningWords = { locale: "de", otherSite: germanWords.otherSite, mixedScripts: germanWords.mixedScripts };
    expect(deceptiveLinkWarning("https://p\u0430ypal.example/", new URL("https://p\u0430ypal.example/"), german)).toBe(
      "Dieser Link führt zu p\u0430ypal.example (xn--pypal-4ve.example); der Name mischt die Schriften Lateinisch und Kyrillisch und könnte eine andere Website nachahmen",
    );
  });
});
