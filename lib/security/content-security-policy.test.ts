import { describe, expect, it } from "vitest";
import { appContentSecurityPolicy, newCspNonce } from "./content-security-policy";

function directives(policy: string): Map<string, string> {
  return new Map(policy.split(";").map((part) => part.trim().split(/\s+(.*)/s) as [string, string]));
}

describe("appContentSecurityPolicy", () => {
  it("lets only nonced scripts (and what they load) run: no unsafe-inline or unsafe-eval for scripts", () => {
    const nonce = newCspNonce();
    const policy = directives(appContentSecurityPolicy(nonce));
    expect(policy.get("script-src")).toBe(`'nonce-${nonce}' 'strict-dynamic'`);
    expect(policy.get("object-src")).toBe("'none'");
    expect(policy.get("base-uri")).toBe("'none'");
    expect(policy.get("frame-ancestors")).toBe("'none'");
    expect(policy.get("frame-src")).toBe("'self'");
    expect(policy.get("form-action")).toBe("'self'");
  });

  it("allows eval only for the development server", () => {
    expect(appContentSecurityPolicy(newCspNonce(), { development: true })).toMatch(/script-src [^;]*'unsafe-eval'/);
  });

  it("refuses a nonce that could break out of the header", () => {
    expect(() => appContentSecurityPolicy("abc'; script-src *")).toThrow();
  });

  it("makes a different nonce each time", () => {
    expect(new Set(Array.from({ length: 50 }, newCspNonce)).size).toBe(50);
  });
});
