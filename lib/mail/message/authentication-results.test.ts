import { describe, expect, it } from "vitest";
import { parseAuthenticationResultsHeader, readAuthenticationResults } from "./authentication-results";

const TRUSTED = "mx.mailroom.test";

describe("parseAuthenticationResultsHeader (RFC 8601)", () => {
  it("reads a real Postfix/OpenDKIM/OpenDMARC header with comments and folding", () => {
    const header = `mx.mailroom.test; dkim=pass (2048-bit key; unprotected)\r\n header.d=acme.example header.i=@acme.example header.b="ab/cd+EF";\r\n spf=pass (mx.mailroom.test: domain of bounce@acme.example designates 192.0.2.1 as permitted sender) smtp.mailfrom=bounce@acme.example;\r\n dmarc=pass (p=reject dis=none) header.from=acme.example`;
    expect(parseAuthenticationResultsHeader(header)).toEqual({
      authservId: "mx.mailroom.test",
      results: [
        { method: "dkim", result: "pass", reason: undefined, properties: { "header.d": "acme.example", "header.i": "@acme.example", "header.b": "ab/cd+EF" } },
        { method: "spf", result: "pass", reason: undefined, properties: { "smtp.mailfrom": "bounce@acme.example" } },
        { method: "dmarc", result: "pass", reason: undefined, properties: { "header.from": "acme.example" } },
      ],
    });
  });
  it("reads RFC 8601 Appendix B examples: a version, 'none', reasons and spaces around =", () => {
    expect(parseAuthenticationResultsHeader("example.org 1; none")).toEqual({ authservId: "example.org", results: [] });
    expect(parseAuthenticationResultsHeader('example.com; spf = fail reason="bad IP" smtp.mailfrom=example.net (comment; with ; semicolons)')).toEqual({
      authservId: "example.com",
      results: [{ method: "spf", result: "fail", reason: "bad IP", properties: { "smtp.mailfrom": "example.net" } }],
    });
    expect(parseAuthenticationResultsHeader("example.com; dkim/1=pass header.d=example.com")?.results[0]).toMatchObject({ method: "dkim", result: "pass" });
  });
  it("accepts a raw header line with its name", () => {
    expect(parseAuthenticationResultsHeader("Authentication-Results: mx.mailroom.test; spf=pass smtp.mailfrom=acme.example")).toMatchObject({
      authservId: "mx.mailroom.test",
      results: [{ method: "spf", result: "pass" }],
    });
  });
  it("gives up on an unbalanced comment or a runaway quote", () => {
    expect(parseAuthenticationResultsHeader("example.com; spf=pass (oops")).toBeUndefined();
    expect(parseAuthenticationResultsHeader('example.com; spf=pass reason="oops')?.results[0]?.reason).toBeUndefined();
  });
  it("stays linear on hostile input", () => {
    const started = performance.now();
    parseAuthenticationResultsHeader(`a; ${"(".repeat(8)}${"x=".repeat(5000)}`);
    parseAuthenticationResultsHeader(`a; spf=pass ${"\\".repeat(15_000)}`);
    parseAuthenticationResultsHeader(`a; ${'"'.repeat(15_000)}`);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe("readAuthenticationResults keeps only our own server's headers", () => {
  it("ignores a forged header from another authserv-id, placed where ours would be", () => {
    const forged = "mx.attacker.example; spf=pass smtp.mailfrom=paypal.com; dkim=pass header.d=paypal.com; dmarc=pass header.from=paypal.com";
    const ours = "mx.mailroom.test; spf=fail smtp.mailfrom=paypal.com; dkim=none; dmarc=fail header.from=paypal.com";
    const results = readAuthenticationResults([forged, ours], TRUSTED);
    expect(results).toMatchObject({ spf: { result: "fail", domain: "paypal.com" }, dkim: { result: "none" }, dmarc: { result: "fail" }, trustedHeaders: 1, ignoredHeaders: 1 });
  });
  it("reports nothing when no header is ours (or no trusted id is configured)", () => {
    const forged = "mx.attacker.example; spf=pass smtp.mailfrom=paypal.com";
    expect(readAuthenticationResults([forged], TRUSTED)).toEqual({ trustedHeaders: 0, ignoredHeaders: 1 });
    expect(readAuthenticationResults(["mx.mailroom.test; spf=pass"], "")).toEqual({ trustedHeaders: 0, ignoredHeaders: 1 });
  });
  it("compares the authserv-id without case, and takes the topmost trusted result per method", () => {
    const results = readAuthenticationResults(
      ["MX.Mailroom.Test; dmarc=pass header.from=acme.example", "mx.mailroom.test; dmarc=fail header.from=acme.example; spf=softfail smtp.mailfrom=acme.example"],
      TRUSTED,
    );
    expect(results).toMatchObject({ dmarc: { result: "pass" }, spf: { result: "softfail" }, trustedHeaders: 2 });
  });
  it("of several DKIM signatures, a pass wins; policy and hardfail read as fail; unknown results are skipped", () => {
    const results = readAuthenticationResults(
      ["mx.mailroom.test; dkim=fail header.d=mailer.example; dkim=pass header.d=acme.example; spf=hardfail smtp.mailfrom=x@acme.example; dmarc=bogus"],
      TRUSTED,
    );
    expect(results).toMatchObject({ dkim: { result: "pass", domain: "acme.example" }, spf: { result: "fail", domain: "acme.example" } });
    expect(results.dmarc).toBeUndefined();
  });
});
