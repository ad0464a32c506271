import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/lib/db/client";
import { openDatabase } from "@/lib/db/client";
import { pingDatabase } from "@/lib/db/health";
import type { ImapServer } from "@/lib/mail/imap/connect";
import { probeHealth } from "@/lib/reads/health";
import { freePort } from "../support/app-server";
import { mailServer } from "../support/mail-server";
import { startSilentServer } from "../support/silent-server";
import { openTestDatabase } from "../support/test-database";

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(async () => {
  await handle?.close();
});

function dovecot(): ImapServer {
  const { imapHost, imapPort, caFile } = mailServer();
  return { host: imapHost, port: imapPort, security: "tls", ca: readFileSync(caFile, "utf8") };
}

const TIMEOUT_MS = 1_500;

describe("probeHealth (what /api/health reports)", () => {
  it("is ok when the database answers and the IMAP server greets", async () => {
    const report = await probeHealth({ pingDatabase: () => pingDatabase(handle.db), imap: dovecot(), timeoutMs: TIMEOUT_MS });
    expect(report).toEqual({ status: "ok", database: "ok", imap: "ok" });
  });

  it("reports IMAP down when nothing listens on its port", async () => {
    const imap = { ...dovecot(), port: await freePort() };
    const report = await probeHealth({ pingDatabase: () => pingDatabase(handle.db), imap, timeoutMs: TIMEOUT_MS });
    expect(report).toEqual({ status: "unavailable", database: "ok", imap: "down" });
  });

  it("reports IMAP down when the server accepts but never greets (the check gives up)", async () => {
    const silent = await startSilentServer();
    try {
      const imap: ImapServer = { host: "127.0.0.1", port: silent.port, security: "none" };
      const report = await probeHealth({ pingDatabase: () => pingDatabase(handle.db), imap, timeoutMs: TIMEOUT_MS });
      expect(report).toEqual({ status: "unavailable", database: "ok", imap: "down" });
    } finally {
      await silent.close();
    }
  });

  it("reports IMAP down when its certificate is not trusted", async () => {
    const { ca: _trusted, ...untrusted } = dovecot();
    const report = await probeHealth({ pingDatabase: () => pingDatabase(handle.db), imap: untrusted, timeoutMs: TIMEOUT_MS });
    expect(report.imap).toBe("down");
  });

  it("reports the database down when PostgreSQL is not there, without waiting for it forever", async () => {
    const unreachable = openDatabase({ databaseUrl: `postgres://mailroom@127.0.0.1:${await freePort()}/none`, dataDir: "memory://" });
    try {
      const report = await probeHealth({ pingDatabase: () => pingDatabase(unreachable.db), imap: dovecot(), timeoutMs: TIMEOUT_MS });
      expect(report).toEqual({ status: "unavailable", database: "down", imap: "ok" });
    } finally {
      await unreachable.close();
    }
  });

  it("reports a silent database down once the timeout passes", async () => {
    const report = await probeHealth({ pingDatabase: () => new Promise<void>(() => undefined), imap: dovecot(), timeoutMs: TIMEOUT_MS });
    expect(report).toEqual({ status: "unavailable", database: "down", imap: "ok" });
  });
});
