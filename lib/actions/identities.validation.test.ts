import { describe, expect, it } from "vitest";
import { identityAddressAllowed, identityDomainsFor, newIdentitySchema } from "./identities.validation";

describe("identity address rule", () => {
  it("allows the sign-in address's own domain when the administrator named none", () => {
    expect(identityDomainsFor("ada@mailroom.test", [])).toEqual(["mailroom.test"]);
    expect(identityAddressAllowed("Sales@Mailroom.test", "ada@mailroom.test", [])).toBe(true);
    expect(identityAddressAllowed("sales@example.com", "ada@mailroom.test", [])).toBe(false);
  });

  it("allows the administrator's domains, and always the sign-in address", () => {
    expect(identityAddressAllowed("sales@example.com", "ada@mailroom.test", ["example.com"])).toBe(true);
    expect(identityAddressAllowed("sales@mailroom.test", "ada@mailroom.test", ["example.com"])).toBe(false);
    expect(identityAddressAllowed("ada@mailroom.test", "ada@mailroom.test", ["example.com"])).toBe(true);
    expect(identityAddressAllowed("sales@sub.example.com", "ada@mailroom.test", ["example.com"])).toBe(false);
  });
});

describe("newIdentitySchema", () => {
  it("lower-cases addresses and accepts an empty Reply-To", () => {
    expect(newIdentitySchema.parse({ email: " Sales@Example.com ", displayName: " Sales ", signatureHtml: "", replyTo: "" })).toEqual({
      email: "sales@example.com",
      displayName: "Sales",
      signatureHtml: "",
      replyTo: "",
    });
  });

  it("refuses malformed addresses", () => {
    const result = newIdentitySchema.safeParse({ email: "not an address", displayName: "", signatureHtml: "", replyTo: "nope" });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`)).toEqual(["email: validation.emailInvalid", "replyTo: validation.replyToInvalid"]);
  });
});
