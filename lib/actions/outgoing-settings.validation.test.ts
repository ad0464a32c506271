import { describe, expect, it } from "vitest";
import { outgoingSettingsSchema } from "./outgoing-settings.validation";

const own = {
  useCompanyRelay: false,
  saveSentCopy: true,
  host: "smtp.example.com",
  port: "587",
  security: "starttls",
  username: "me",
  password: "",
  removePassword: false,
} as const;

function fieldErrors(result: ReturnType<ReturnType<typeof outgoingSettingsSchema>["safeParse"]>) {
  return result.success ? {} : Object.fromEntries(result.error.issues.map((issue) => [issue.path.join("."), issue.message]));
}

describe("outgoingSettingsSchema", () => {
  it("accepts a relay and normalises host and port", () => {
    const parsed = outgoingSettingsSchema(false).parse({ ...own, host: " SMTP.Example.com ", port: "465", security: "tls" });
    expect(parsed).toMatchObject({ host: "smtp.example.com", port: 465, security: "tls" });
    expect(outgoingSettingsSchema(false).parse({ ...own, host: "[2606:4700::1]" })).toMatchObject({ host: "2606:4700::1" });
  });

  it("checks every field of an own relay", () => {
    const errors = fieldErrors(
      outgoingSettingsSchema(false).safeParse({ ...own, host: "bad host!", port: "70000", security: "ssl", username: "u".repeat(321), password: "p".repeat(1025) }),
    );
    expect(Object.keys(errors).sort()).toEqual(["host", "password", "port", "security", "username"]);
    expect(errors.port).toBe("validation.portInvalid");
    expect(fieldErrors(outgoingSettingsSchema(false).safeParse({ ...own, port: "0" })).port).toBeDefined();
    expect(fieldErrors(outgoingSettingsSchema(false).safeParse({ ...own, host: "" })).host).toBe("validation.hostMissing");
  });

  it("allows no encryption only where the administrator does", () => {
    expect(fieldErrors(outgoingSettingsSchema(false).safeParse({ ...own, security: "none" })).security).toBe("validation.securityInsecure");
    expect(outgoingSettingsSchema(true).safeParse({ ...own, security: "none" }).success).toBe(true);
  });

  it("does not check own-relay fields when the company relay is chosen", () => {
    expect(outgoingSettingsSchema(false).parse({ useCompanyRelay: true, saveSentCopy: false })).toEqual({ useCompanyRelay: true, saveSentCopy: false });
  });
});
