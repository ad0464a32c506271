import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { catalogueTranslator } from "@/lib/i18n/catalogue-translator";
import type { RelayConfig } from "@/lib/mail/smtp/transport";
import { verifyRelay, type SmtpCheckResult } from "@/lib/mail/smtp/verify";
import { freePort } from "../support/app-server";
import { createMailbox, mailServer, type TestMailbox } from "../support/mail-server";
import { startSilentServer } from "../support/silent-server";

// Test connection's words as the reader gets them (here in English): the mail layer gives a key and values.
const t = await catalogueTranslator("sending");
const said = (result: SmtpCheckResult) => t(result.words.key, result.words.values);

const ALLOW_LOOPBACK = ["127.0.0.1"];
let ca: string;
let mailbox: TestMailbox;

function postfix(overrides: Partial<RelayConfig> = {}): RelayConfig {
  const { smtpHost, smtpPort } = mailServer();
  return {
    host: smtpHost,
    port: smtpPort,
    security: "starttls",
    auth: { user: mailbox.email, pass: mailbox.password },
    saveSentCopy: true,
    isCompanyRelay: false,
    ...overrides,
  };
}

beforeAll(() => {
  ca = readFileSync(mailServer().caFile, "utf8");
  mailbox = createMailbox("smtpverify");
});

describe("Test connection explains what failed", () => {
  it("reports success in plain words", async () => {
    const result = await verifyRelay(postfix(), { ca, allowedHosts: ALLOW_LOOPBACK });
    expect(result.ok).toBe(true);
    expect(said(result)).toBe(`Connected and signed in to ${mailServer().smtpHost}:${mailServer().smtpPort}.`);
  });

  it("reports a wrong password as an authentication failure", async () => {
    const result = await verifyRelay(postfix({ auth: { user: mailbox.email, pass: "wrong-password" } }), { ca, allowedHosts: ALLOW_LOOPBACK });
    expect(result).toMatchObject({ ok: false, kind: "auth" });
    expect(said(result)).toContain("did not accept the username or password");
  });

  it("reports a closed port as a refused connection", async () => {
    const port = await freePort();
    const result = await verifyRelay(postfix({ port }), { ca, allowedHosts: ALLOW_LOOPBACK });
    expect(result).toMatchObject({ ok: false, kind: "refused" });
    expect(said(result)).toContain(`127.0.0.1:${port} refused the connection`);
  });

  it("reports a certificate it cannot verify (STARTTLS and implicit TLS) and does not sign in", async () => {
    const starttls = await verifyRelay(postfix(), { allowedHosts: ALLOW_LOOPBACK });
    expect(starttls).toMatchObject({ ok: false, kind: "tls" });
    const implicit = await verifyRelay(postfix({ port: mailServer().smtpsPort, security: "tls" }), { allowedHosts: ALLOW_LOOPBACK });
    expect(implicit).toMatchObject({ ok: false, kind: "tls" });
    expect(said(implicit)).toContain("TLS certificate of 127.0.0.1 could not be verified");
  });

  it("reports implicit TLS against a STARTTLS port as the wrong security", async () => {
    const result = await verifyRelay(postfix({ security: "tls" }), { ca, allowedHosts: ALLOW_LOOPBACK, timeoutMs: 3_000 });
    expect(result).toMatchObject({ ok: false, kind: "tls-mismatch" });
  });

  it("gives up on a server that never answers", async () => {
    const silent = await startSilentServer();
    try {
      const started = Date.now();
      const result = await verifyRelay(postfix({ port: silent.port }), { ca, allowedHosts: ALLOW_LOOPBACK, timeoutMs: 1_500 });
      expect(result).toMatchObject({ ok: false, kind: "timeout" });
      expect(said(result)).toContain("did not answer within 2 seconds");
      expect(Date.now() - started).toBeLessThan(6_000);
    } finally {
      await silent.close();
    }
  });

  it("reports a name that does not exist, in detail when the administrator allowed it", async () => {
    const result = await verifyRelay(postfix({ host: "nonexistent.invalid" }), { ca, allowedHosts: ["nonexistent.invalid"] });
    expect(result).toMatchObject({ ok: false, kind: "not-found" });
    expect(said(result)).toBe("The server name nonexistent.invalid was not found. Check the spelling.");
  });
});

describe("Test connection says little about hosts nobody allowed", () => {
  it("does not tell a missing name, a closed port or a bad certificate apart", async () => {
    const closed = await freePort();
    const results = await Promise.all([
      verifyRelay(postfix({ host: "nonexistent.invalid" }), { ca }),
      verifyRelay(postfix({ host: "localhost", port: closed }), { ca }),
      verifyRelay(postfix({ port: closed }), { ca, allowedHosts: ["127.0.0.2"] }),
    ]);
    for (const result of results) {
      expect(result.ok).toBe(false);
      expect(said(result)).toMatch(/^Could not connect to .+ and sign in\./);
      expect(said(result)).not.toMatch(/refused|could not be verified|not found|private|::1/);
    }
  });
});
