import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SignInRefused, signInWithMailbox, type SignInContext } from "@/lib/auth/sign-in";
import { open, sessionRowId } from "@/lib/auth/vault";
import type { DatabaseHandle } from "@/lib/db/client";
import { findSessionWithUser } from "@/lib/db/sessions";
import { ImapPool } from "@/lib/mail/imap/pool";
import { randomClientAddress } from "../support/browser";
import { createMailbox, mailServer } from "../support/mail-server";
import { startSilentServer } from "../support/silent-server";
import { freePort } from "../support/app-server";

let handle: DatabaseHandle;
let pool: ImapPool;

function context(overrides: Partial<SignInContext> = {}): SignInContext {
  const { imapHost, imapPort, caFile } = mailServer();
  const server = { host: imapHost, port: imapPort, security: "tls" as const, ca: readFileSync(caFile, "utf8") };
  return {
    db: handle.db,
    server,
    pool,
    allowedDomains: [mailServer().domain],
    limits: { maxFailuresPerAddress: 5, maxFailuresPerClient: 20, windowMinutes: 15 },
    ...overrides,
  };
}

async function refusal(promise: Promise<unknown>): Promise<SignInRefused> {
  const error = await promise.then(
    () => new Error("sign-in succeeded"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SignInRefused);
  return error as SignInRefused;
}

beforeAll(async () => {
  const { openTestDatabase } = await import("../support/test-database");
  handle = await openTestDatabase();
  pool = new ImapPool({ server: context().server, idleTimeoutMs: 60_000, maxConnections: 50 });
});

afterAll(async () => {
  await pool?.closeAll();
  await handle?.close();
});

describe("signing in with a mailbox", () => {
  it("signs in with good credentials, keeps the IMAP connection and seals the password", async () => {
    const mailbox = createMailbox("signin");
    const signedIn = await signInWithMailbox(context(), { ...mailbox, clientAddress: randomClientAddress(), userAgent: "test" });
    expect(signedIn.email).toBe(mailbox.email);
    expect(pool.stats().open).toBeGreaterThan(0);
    const row = await findSessionWithUser(handle.db, sessionRowId(signedIn.sessionId));
    expect(row?.email).toBe(mailbox.email);
    // The row alone cannot reveal the password; with the cookie's key it can.
    expect(row?.sealedImapPassword).not.toContain(mailbox.password);
    expect(open(row!.sealedImapPassword, Buffer.from(signedIn.sessionKey, "base64url"), row!.id)).toBe(mailbox.password);
  });

  it("leaves no plaintext password in any table", async () => {
    const mailbox = createMailbox("plaintext");
    const signedIn = await signInWithMailbox(context(), { ...mailbox, clientAddress: randomClientAddress(), userAgent: "test" });
    // Both drivers (node-postgres, PGlite) answer raw SQL with { rows }.
    const query = async <Row>(statement: ReturnType<typeof sql>) => (await handle.db.execute(statement)) as unknown as { rows: Row[] };
    const tables = await query<{ table_name: string }>(
      sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
    );
    const names = tables.rows.map((row) => row.table_name);
    expect(names).toEqual(expect.arrayContaining(["users", "sessions", "sign_in_failures"]));
    for (const name of names) {
      const rows = await query<unknown>(sql`select * from ${sql.identifier(name)}`);
      const dump = JSON.stringify(rows.rows);
      expect(dump, `table ${name}`).not.toContain(mailbox.password);
      expect(dump, `table ${name}`).not.toContain(signedIn.sessionId);
      expect(dump, `table ${name}`).not.toContain(signedIn.sessionKey);
    }
  });

  it("refuses a wrong password", async () => {
    const mailbox = createMailbox("wrong");
    const error = await refusal(signInWithMailbox(context(), { email: mailbox.email, password: "nope", clientAddress: randomClientAddress(), userAgent: null }));
    expect(error.reason).toBe("invalid");
  });

  it("refuses an address outside the allowed domains before asking IMAP", async () => {
    const error = await refusal(
      signInWithMailbox(context({ server: { host: "127.0.0.1", port: 1, security: "tls" } }), {
        email: "someone@elsewhere.example",
        password: "x",
        clientAddress: randomClientAddress(),
        userAgent: null,
      }),
    );
    expect(error.reason).toBe("domain");
  });

  it("reports an unreachable server", async () => {
    const port = await freePort();
    const mailbox = createMailbox("unreach");
    const error = await refusal(
      signInWithMailbox(context({ server: { host: "127.0.0.1", port, security: "tls" } }), { ...mailbox, clientAddress: randomClientAddress(), userAgent: null }),
    );
    expect(error.reason).toBe("unreachable");
  });

  it("gives up on a server that does not answer in time", async () => {
    const silent = await startSilentServer();
    try {
      const mailbox = createMailbox("silent");
      const started = Date.now();
      const error = await refusal(
        signInWithMailbox(context({ server: { host: "127.0.0.1", port: silent.port, security: "tls", timeoutMs: 1_500 } }), {
          ...mailbox,
          clientAddress: randomClientAddress(),
          userAgent: null,
        }),
      );
      expect(error.reason).toBe("timeout");
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await silent.close();
    }
  });

  it("locks an address after five failures, even for the right password, with a retry time", async () => {
    const mailbox = createMailbox("lock");
    const started = Date.now();
    for (let attempt = 1; attempt <= 4; attempt++) {
      const error = await refusal(signInWithMailbox(context(), { email: mailbox.email, password: `bad-${attempt}`, clientAddress: randomClientAddress(), userAgent: null }));
      expect(error.reason).toBe("invalid");
    }
    const fifth = await refusal(signInWithMailbox(context(), { email: mailbox.email, password: "bad-5", clientAddress: randomClientAddress(), userAgent: null }));
    expect(fifth.reason).toBe("locked");
    const locked = await refusal(signInWithMailbox(context(), { ...mailbox, clientAddress: randomClientAddress(), userAgent: null }));
    expect(locked.reason).toBe("locked");
    expect(locked.retryAt!.getTime()).toBeGreaterThanOrEqual(started + 15 * 60_000 - 1_000);
    expect(locked.retryAt!.getTime()).toBeLessThanOrEqual(Date.now() + 15 * 60_000);
  });

  it("locks a client address after its threshold across different addresses", async () => {
    const client = randomClientAddress();
    const limits = { maxFailuresPerAddress: 5, maxFailuresPerClient: 2, windowMinutes: 15 };
    const first = await refusal(signInWithMailbox(context({ limits }), { email: createMailbox("spray").email, password: "bad", clientAddress: client, userAgent: null }));
    expect(first.reason).toBe("invalid");
    const second = await refusal(signInWithMailbox(context({ limits }), { email: createMailbox("spray").email, password: "bad", clientAddress: client, userAgent: null }));
    expect(second.reason).toBe("locked");
    const good = createMailbox("spray-good");
    const refused = await refusal(signInWithMailbox(context({ limits }), { ...good, clientAddress: client, userAgent: null }));
    expect(refused.reason).toBe("locked");
  });
});
