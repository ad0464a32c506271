import { describe, expect, it } from "vitest";
import { senderVerdict } from "./sender-verdict";

const from = { name: "Ann", address: "ann@partner.example" };
const results = (value: string) => ({ name: "Authentication-Results", value });

describe("senderVerdict", () => {
  it("trusts nothing without an authserv-id", () => {
    const verdict = senderVerdict({ headers: [results("mx.example; dmarc=fail header.from=partner.example")], from }, { authservId: undefined, knownDomains: [] });
    expect(verdict).toEqual({ authentication: null, failed: false, warnings: [] });
  });

  it("without a DMARC result, fails only when something fails and nothing passes", () => {
    const context = { authservId: "mx.example", knownDomains: [] };
    expect(senderVerdict({ headers: [results("mx.example; spf=fail smtp.mailfrom=partner.example; dkim=none")], from }, context).failed).toBe(true);
    expect(senderVerdict({ headers: [results("mx.example; spf=fail smtp.mailfrom=partner.example; dkim=pass header.d=partner.example")], from }, context).failed).toBe(false);
    expect(senderVerdict({ headers: [results("mx.example; spf=none; dkim=none")], from }, context).failed).toBe(false);
  });

  it("lets DMARC decide when the server reports it", () => {
    const context = { authservId: "mx.example", knownDomains: [] };
    expect(senderVerdict({ headers: [results("mx.example; spf=fail; dkim=pass header.d=partner.example; dmarc=pass header.from=partner.example")], from }, context).failed).toBe(
      false,
    );
    expect(senderVerdict({ headers: [results("mx.example; spf=pass; dmarc=fail header.from=partner.example")], from }, context).failed).toBe(true);
  });

  it("doesn't let the sender's own domain vouch for itself among the known domains", () => {
    const lookalike = { name: "Ann", address: "ann@partnar.example" };
    const verdict = senderVerdict({ headers: [], from: lookalike }, { authservId: "mx.example", knownDomains: ["partner.example", "partnar.example"] });
    expect(verdict.warnings).toMatchObject([{ kind: "lookalike-domain", resembles: "partner.example" }]);
  });
});
