import { readFileSync } from "node:fs";
import net from "node:net";
import tls from "node:tls";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { catalogueTranslator } from "@/lib/i18n/catalogue-translator";
import { RelayGuardError, type LookupAll } from "@/lib/mail/smtp/guard";
import { createRelayTransport, type RelayConfig } from "@/lib/mail/smtp/transport";
import { verifyRelay, type SmtpCheckResult } from "@/lib/mail/smtp/verify";
import { createMailbox, mailServer } from "../support/mail-server";

// Test connection's words as the reader gets them (here in English): the mail layer gives a key and values.
const t = await catalogueTranslator("sending");
const said = (result: SmtpCheckResult) => t(result.words.key, result.words.values);

/** Counts connections to a loopback port, to prove a refused relay was never contacted. */
async function countingServer(): Promise<{ port: number; connections(): number; close(): Promise<void> }> {
  let count = 0;
  const server = net.createServer((socket) => {
    count += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    connections: () => count,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function relay(host: string, port: number, overrides: Partial<RelayConfig> = {}): RelayConfig {
  return { host, port, security: "starttls", saveSentCopy: true, isCompanyRelay: false, ...overrides };
}

const toTenDotOne: LookupAll = async () => ["10.0.0.1"];
let ca: string;
let listener: Awaited<ReturnType<typeof countingServer>>;

beforeAll(async () => {
  ca = readFileSync(mailServer().caFile, "utf8");
  listener = await countingServer();
});
afterAll(() => listener.close());
afterEach(() => vi.restoreAllMocks());

describe("the forgery guard refuses private relays before connecting", () => {
  it.each([
    ["127.0.0.1", undefined],
    ["10.0.0.1", undefined],
    ["169.254.169.254", undefined],
    ["[::1]", undefined],
    ["::ffff:127.0.0.1", undefined],
    ["localhost", undefined],
    ["relay.attacker.example", toTenDotOne],
  ] as const)("refuses %s", async (host, lookup) => {
    const netConnect = vi.spyOn(net, "connect");
    const tlsConnect = vi.spyOn(tls, "connect");
    const before = listener.connections();

    await expect(createRelayTransport(relay(host, listener.port), { ca, lookup })).rejects.toBeInstanceOf(RelayGuardError);
    const result = await verifyRelay(relay(host, listener.port), { ca, lookup });
    expect(result).toMatchObject({ ok: false, kind: "guard" });
    // The user hears only that it could not connect, never where the name points.
    expect(said(result)).toContain("Could not connect to");
    if (host !== "10.0.0.1") expect(said(result)).not.toContain("10.0.0.1");

    expect(netConnect).not.toHaveBeenCalled();
    expect(tlsConnect).not.toHaveBeenCalled();
    expect(listener.connections()).toBe(before);
  });

  it("refuses a name that resolves to a private address even on an allowed port of another host", async () => {
    const result = await verifyRelay(relay("relay.attacker.example", 10587), { ca, lookup: toTenDotOne, allowedHosts: ["127.0.0.1"] });
    expect(result).toMatchObject({ ok: false, kind: "guard" });
  });
});

describe("relays the administrator allows", () => {
  it("signs in to the local Postfix with STARTTLS when 127.0.0.1 is allowed", async () => {
    const mailbox = createMailbox("smtpguard");
    const { smtpHost, smtpPort } = mailServer();
    const result = await verifyRelay(relay(smtpHost, smtpPort, { auth: { user: mailbox.email, pass: mailbox.password } }), {
      ca,
      allowedHosts: ["127.0.0.1"],
    });
    expect(result.ok).toBe(true);
    expect(said(result)).toBe(`Connected and signed in to ${smtpHost}:${smtpPort}.`);
  });

  it("signs in with implicit TLS when the exact host:port is allowed", async () => {
    const mailbox = createMailbox("smtpguard");
    const { smtpHost, smtpsPort } = mailServer();
    const auth = { user: mailbox.email, pass: mailbox.password };
    const allowed = await verifyRelay(relay(smtpHost, smtpsPort, { security: "tls", auth }), { ca, allowedHosts: [`${smtpHost}:${smtpsPort}`] });
    expect(allowed.ok).toBe(true);
    const otherPort = await verifyRelay(relay(smtpHost, smtpsPort, { security: "tls", auth }), { ca, allowedHosts: [`${smtpHost}:2525`] });
    expect(otherPort).toMatchObject({ ok: false, kind: "guard" });
  });

  it("allows a host name and checks the certificate against that name while connecting to the checked address", async () => {
    const mailbox = createMailbox("smtpguard");
    const { smtpPort } = mailServer();
    const tlsConnect = vi.spyOn(tls, "connect");
    const result = await verifyRelay(relay("localhost", smtpPort, { auth: { user: mailbox.email, pass: mailbox.password } }), {
      ca,
      allowedHosts: ["localhost"],
      lookup: async () => ["127.0.0.1"],
    });
    expect(result.ok).toBe(true);
    expect(tlsConnect).toHaveBeenCalledWith(expect.objectContaining({ servername: "localhost", host: "127.0.0.1" }), expect.any(Function));
  });

  it("sends a message through an allowed relay", async () => {
    const mailbox = createMailbox("smtpguard");
    const { smtpHost, smtpPort } = mailServer();
    const transport = await createRelayTransport(relay(smtpHost, smtpPort, { auth: { user: mailbox.email, pass: mailbox.password } }), {
      ca,
      allowedHosts: ["127.0.0.0/8"],
    });
    try {
      const info = await transport.sendMail({ from: mailbox.email, to: mailbox.email, subject: "Guarded relay", text: "Hello." });
      expect(info.accepted).toEqual([mailbox.email]);
    } finally {
      transport.close();
    }
  });
});
