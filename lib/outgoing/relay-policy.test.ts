import { describe, expect, it } from "vitest";
import { EnvError } from "@/lib/env";
import { checkRelayAllowlist } from "./relay-policy";

describe("checkRelayAllowlist", () => {
  it("refuses a malformed MAILROOM_SMTP_ALLOWED_HOSTS entry at start-up, naming it", () => {
    expect(() => checkRelayAllowlist({ smtpAllowedHosts: ["10.0.0.0/99"] })).toThrow(EnvError);
    expect(() => checkRelayAllowlist({ smtpAllowedHosts: ["10.0.0.0/99"] })).toThrow(/MAILROOM_SMTP_ALLOWED_HOSTS: "10.0.0.0\/99"/);
  });

  it("accepts hosts, host:port pairs, addresses and CIDR ranges", () => {
    expect(() => checkRelayAllowlist({ smtpAllowedHosts: ["127.0.0.1:10587", "smtp.corp.example", "10.20.0.0/16"] })).not.toThrow();
  });
});
