import { describe, expect, it } from "vitest";
import { deliverabilityCheckSchema } from "./deliverability.validation";

describe("deliverabilityCheckSchema", () => {
  it("reads selectors separated by spaces or commas, and the own relay's host", () => {
    expect(deliverabilityCheckSchema.parse({ useCompanyRelay: false, host: " SMTP.eu.mailgun.org ", dkimSelectors: " mx, s1  k1 ", force: true })).toEqual({
      useCompanyRelay: false,
      host: "smtp.eu.mailgun.org",
      dkimSelectors: ["mx", "s1", "k1"],
      force: true,
    });
    expect(deliverabilityCheckSchema.parse({ useCompanyRelay: true, dkimSelectors: "", force: false })).toEqual({ useCompanyRelay: true, dkimSelectors: [], force: false });
  });

  it("refuses malformed selectors, too many of them, and a missing host", () => {
    const problems = (input: unknown) => deliverabilityCheckSchema.safeParse(input).error?.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`) ?? [];
    expect(problems({ useCompanyRelay: true, dkimSelectors: "mx\r\nbcc", force: false })).toEqual([]);
    expect(problems({ useCompanyRelay: true, dkimSelectors: "a;b", force: false })).toEqual(["dkimSelectors.0: validation.selectorFormat"]);
    expect(problems({ useCompanyRelay: true, dkimSelectors: "a b c d e f g h i", force: false })).toEqual(["dkimSelectors: validation.tooManySelectors"]);
    expect(problems({ useCompanyRelay: false, host: "", dkimSelectors: "", force: false })[0]).toBe("host: validation.hostMissing");
  });
});
