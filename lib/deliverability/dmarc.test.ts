import { describe, expect, it } from "vitest";
import { catalogueTranslator } from "@/lib/i18n/catalogue-translator";
import { wordDeliverability, type DeliverabilityWords } from "./check-view";
import { evaluateDmarcAlignment, failureConsequence, isAligned, lookupDmarc, parseDmarcRecord } from "./dmarc";
import { createInMemoryDns } from "./in-memory-dns";
import { organizationalDomain } from "./organizational-domain";

const english = await catalogueTranslator("deliverability", "en");
/** Words as an English reader reads them. */
const say = (text: DeliverabilityWords) => wordDeliverability(english, "en", text);

describe("parseDmarcRecord on the records of RFC 7489 Appendix B", () => {
  it("B.2.1: p=none with aggregate reports", () => {
    expect(parseDmarcRecord("v=DMARC1; p=none; rua=mailto:dmarc-feedback@example.com")).toEqual({
      ok: true,
      record: { policy: "none", subdomainPolicy: undefined, adkim: "r", aspf: "r", pct: 100, rua: ["mailto:dmarc-feedback@example.com"], ruf: [], warnings: [] },
    });
  });
  it("B.2.3: quarantine with failure reports to a third party", () => {
    const parsed = parseDmarcRecord("v=DMARC1; p=quarantine; rua=mailto:dmarc-feedback@example.com; ruf=mailto:auth-reports@thirdparty.example.net; fo=1");
    expect(parsed).toMatchObject({ ok: true, record: { policy: "quarantine", ruf: ["mailto:auth-reports@thirdparty.example.net"] } });
  });
  it("B.2.4: a partial quarantine (pct=50), strict alignment and a subdomain policy", () => {
    expect(parseDmarcRecord("v=DMARC1; p=quarantine; sp=reject; adkim=s; aspf=s; pct=50")).toMatchObject({
      ok: true,
      record: { policy: "quarantine", subdomainPolicy: "reject", adkim: "s", aspf: "s", pct: 50 },
    });
  });
  it("a record without p= but with rua= is read as p=none (§6.6.3); without rua= it is invalid", () => {
    const withoutPolicy = parseDmarcRecord("v=DMARC1; rua=mailto:d@example.com");
    expect(withoutPolicy).toMatchObject({ ok: true, record: { policy: "none", warnings: [expect.anything()] } });
    if (withoutPolicy.ok) expect(withoutPolicy.record.warnings.map(say)).toEqual([expect.stringMatching(/p= is missing/)]);
    const invalid = parseDmarcRecord("v=DMARC1; pct=100");
    expect(invalid.ok).toBe(false);
    if (!invalid.ok) expect(say(invalid.error)).toMatch(/no p=/);
  });
  it("bad optional values fall back to the defaults with a warning", () => {
    expect(parseDmarcRecord("v=DMARC1; p=reject; adkim=x; pct=150")).toMatchObject({
      ok: true,
      record: { adkim: "r", pct: 100, warnings: [expect.anything(), expect.anything()] },
    });
  });
  it("v=DMARC1 must come first", () => {
    expect(parseDmarcRecord("p=reject; v=DMARC1").ok).toBe(false);
  });
});

describe("alignment (RFC 7489 §3.1)", () => {
  it("§3.1.1 DKIM: d=example.com aligns strictly; d=a.example.com only relaxed", () => {
    expect(isAligned("example.com", "example.com", "s")).toBe(true);
    expect(isAligned("a.example.com", "example.com", "s")).toBe(false);
    expect(isAligned("a.example.com", "example.com", "r")).toBe(true);
  });
  it("§3.1.2 SPF: MAIL FROM child.example.com aligns relaxed with From example.com, not strict", () => {
    expect(isAligned("child.example.com", "example.com", "r")).toBe(true);
    expect(isAligned("child.example.com", "example.com", "s")).toBe(false);
  });
  it("another organisation never aligns, not even relaxed, and public suffixes are respected", () => {
    expect(isAligned("mailgun.org", "example.com", "r")).toBe(false);
    expect(isAligned("shop.acme.co.uk", "acme.co.uk", "r")).toBe(true);
    expect(isAligned("other.co.uk", "acme.co.uk", "r")).toBe(false);
    expect(organizationalDomain("mail.shop.acme.co.uk")).toBe("acme.co.uk");
    expect(organizationalDomain("Mail.Example.COM.")).toBe("example.com");
  });
  it("DMARC passes via DKIM or SPF when either is aligned", () => {
    const relaxed = { adkim: "r" as const, aspf: "r" as const };
    expect(evaluateDmarcAlignment("example.com", relaxed, { dkimPassedFor: "mg.example.com", spfPassedFor: "mailgun.org" })).toEqual({ passes: true, via: ["dkim"] });
    expect(evaluateDmarcAlignment("example.com", { adkim: "s", aspf: "r" }, { dkimPassedFor: "mg.example.com", spfPassedFor: "bounce.example.com" })).toEqual({
      passes: true,
      via: ["spf"],
    });
    expect(evaluateDmarcAlignment("example.com", { adkim: "s", aspf: "s" }, { dkimPassedFor: "mg.example.com", spfPassedFor: "bounce.example.com" })).toEqual({
      passes: false,
      via: [],
    });
  });
  it("names what happens to mail that fails", () => {
    expect([failureConsequence("none"), failureConsequence("quarantine"), failureConsequence("reject")]).toEqual(["delivered-unprotected", "spam", "rejected"]);
  });
});

describe("lookupDmarc (policy discovery)", () => {
  it("finds the record at the From domain", async () => {
    const dns = createInMemoryDns({ txt: { "_dmarc.example.com": ["v=DMARC1; p=reject"] } });
    expect(await lookupDmarc("example.com", dns)).toMatchObject({ state: "found", foundAt: "_dmarc.example.com", appliedPolicy: "reject" });
  });
  it("falls back to the organizational domain, whose sp= applies to subdomains", async () => {
    const dns = createInMemoryDns({ txt: { "_dmarc.example.com": ["v=DMARC1; p=reject; sp=quarantine"] } });
    expect(await lookupDmarc("news.example.com", dns)).toMatchObject({ state: "found", foundAt: "_dmarc.example.com", appliedPolicy: "quarantine" });
  });
  it("two DMARC records mean none applies; other TXT records are ignored", async () => {
    const two = createInMemoryDns({ txt: { "_dmarc.example.com": ["v=DMARC1; p=reject", "v=DMARC1; p=none"] } });
    expect(await lookupDmarc("example.com", two)).toMatchObject({ state: "multiple" });
    const other = createInMemoryDns({ txt: { "_dmarc.example.com": ["some verification token"] } });
    expect(await lookupDmarc("example.com", other)).toMatchObject({ state: "missing", organizationalDomain: "example.com" });
  });
  it("a timeout is unknown, not missing", async () => {
    const dns = createInMemoryDns({ failures: { "_dmarc.example.com": "timeout" } });
    expect(await lookupDmarc("example.com", dns)).toMatchObject({ state: "unknown", kind: "timeout" });
  });
});
