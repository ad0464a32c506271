import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientAddressFrom, parseTrustedProxies, SOCKET_ADDRESS_HEADER } from "@/lib/auth/client-address";
import { SignInRefused, signInWithMailbox, type SignInContext } from "@/lib/auth/sign-in";
import { open, sessionRowId } from "@/lib/auth/vault";
import type { DatabaseHandle } from "@/lib/db/client";
import { findSessionWithUser, listSessionsForUser } from "@/lib/db/sessions";
import { openImapConnection } from "@/lib/mail/imap/connect";
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
    const tables = await query<{ table_name: string }>(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`);
    const names = tables.rows.map((row) => row.table_name);
    expect(names).toEqual(expect.arrayContaining(["users", "sessions", "rate_limits"]));
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

/** A context whose IMAP logins are counted (and otherwise real). */
function countingContext(overrides: Partial<SignInContext> = {}) {
  const logins: { user: string; clientAddress: string | undefined }[] = [];
  const ctx = context({
    connect: (server, credentials, options) => {
      logins.push({ user: credentials.user, clientAddress: options?.clientAddress });
      return openImapConnection(server, credentials, options);
    },
    ...overrides,
  });
  return { ctx, logins };
}

/** The headers a request reaches the app with: the socket peer (written by lib/auth/socket-address.ts) and what the client sent. */
function requestHeaders(socket: string, forwardedFor?: string): Headers {
  const headers = new Headers({ [SOCKET_ADDRESS_HEADER]: socket });
  if (forwardedFor) headers.set("x-forwarded-for", forwardedFor);
  return headers;
}

describe("the sign-in rate limit counts attempts before the IMAP login", () => {
  it("lets at most five of 30 parallel wrong passwords for one address reach IMAP", async () => {
    const mailbox = createMailbox("parallel");
    const { ctx, logins } = countingContext();
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, (_, n) => signInWithMailbox(ctx, { email: mailbox.email, password: `bad-${n}`, clientAddress: randomClientAddress(), userAgent: null })),
    );
    const reasons = results.map((result) => (result.status === "rejected" ? (result.reason as SignInRefused).reason : "signed-in"));
    expect(logins.length).toBeLessThanOrEqual(5);
    expect(logins.length).toBeGreaterThanOrEqual(1);
    expect(reasons.filter((reason) => reason === "locked").length).toBeGreaterThanOrEqual(25);
    expect(reasons).not.toContain("signed-in");
    // Sequentially the same: the right password now waits too, without reaching IMAP.
    const locked = await refusal(signInWithMailbox(ctx, { ...mailbox, clientAddress: randomClientAddress(), userAgent: null }));
    expect(locked.reason).toBe("locked");
    expect(logins.length).toBeLessThanOrEqual(5);
  });

  it("lets at most the per-client limit of 30 parallel attempts on different addresses from one client reach IMAP", async () => {
    const client = randomClientAddress();
    const { ctx, logins } = countingContext({ limits: { maxFailuresPerAddress: 5, maxFailuresPerClient: 4, windowMinutes: 15 } });
    await Promise.allSettled(
      Array.from({ length: 30 }, (_, n) =>
        signInWithMailbox(ctx, { email: `nobody-${n}-${client}@${mailServer().domain}`, password: "bad", clientAddress: client, userAgent: null }),
      ),
    );
    expect(logins.length).toBeLessThanOrEqual(4);
  });

  it("does not let a locked client use up a victim's address", async () => {
    const client = randomClientAddress();
    const victim = createMailbox("victim");
    const limits = { maxFailuresPerAddress: 3, maxFailuresPerClient: 1, windowMinutes: 15 };
    await refusal(signInWithMailbox(context({ limits }), { email: createMailbox("burn").email, password: "bad", clientAddress: client, userAgent: null }));
    for (let n = 0; n < 5; n++) {
      const error = await refusal(signInWithMailbox(context({ limits }), { email: victim.email, password: "bad", clientAddress: client, userAgent: null }));
      expect(error.reason).toBe("locked");
    }
    const signedIn = await signInWithMailbox(context({ limits }), { ...victim, clientAddress: randomClientAddress(), userAgent: null });
    expect(signedIn.email).toBe(victim.email);
  });

  it("a good sign-in does not use up the client's count", async () => {
    const client = randomClientAddress();
    const limits = { maxFailuresPerAddress: 5, maxFailuresPerClient: 2, windowMinutes: 15 };
    for (let n = 0; n < 4; n++) {
      await signInWithMailbox(context({ limits }), { ...createMailbox("good-again"), clientAddress: client, userAgent: null });
    }
  });
});

describe("the client address behind (untrusted and trusted) proxies", () => {
  it("ignores invented X-Forwarded-For values when no proxy is trusted: they share the socket's count", async () => {
    const socket = randomClientAddress();
    const none = parseTrustedProxies([]);
    const { ctx, logins } = countingContext({ limits: { maxFailuresPerAddress: 5, maxFailuresPerClient: 3, windowMinutes: 15 } });
    const reasons: string[] = [];
    for (let n = 0; n < 8; n++) {
      const clientAddress = clientAddressFrom(requestHeaders(socket, randomClientAddress()), none);
      expect(clientAddress).toBe(socket);
      const error = await refusal(signInWithMailbox(ctx, { email: `nobody-${n}-${socket}@${mailServer().domain}`, password: "bad", clientAddress, userAgent: null }));
      reasons.push(error.reason);
    }
    expect(logins.length).toBe(3);
    expect(reasons.slice(2)).toEqual(Array(6).fill("locked"));
    // The IMAP server was told the socket's address, never an invented one.
    expect(new Set(logins.map((login) => login.clientAddress))).toEqual(new Set([socket]));
  });

  it("behind a trusted proxy, counts the client it names, and ignores what the client put before it", async () => {
    const proxy = "127.0.0.1";
    const trusted = parseTrustedProxies([proxy]);
    const attacker = randomClientAddress();
    const { ctx, logins } = countingContext({ limits: { maxFailuresPerAddress: 5, maxFailuresPerClient: 3, windowMinutes: 15 } });
    for (let n = 0; n < 6; n++) {
      // The proxy appends the address it saw; the attacker's own entries come first.
      const clientAddress = clientAddressFrom(requestHeaders(proxy, `${randomClientAddress()}, ${attacker}`), trusted);
      expect(clientAddress).toBe(attacker);
      await refusal(signInWithMailbox(ctx, { email: `nobody-${n}-${attacker}@${mailServer().domain}`, password: "bad", clientAddress, userAgent: null }));
    }
    expect(logins.length).toBe(3);
    expect(new Set(logins.map((login) => login.clientAddress))).toEqual(new Set([attacker]));
    // Someone else behind the same proxy still signs in.
    const legitimate = createMailbox("behind-proxy");
    const clientAddress = clientAddressFrom(requestHeaders(proxy, randomClientAddress()), trusted);
    const signedIn = await signInWithMailbox(ctx, { ...legitimate, clientAddress, userAgent: null });
    expect(signedIn.email).toBe(legitimate.email);
  });
});

describe("sessions per user", () => {
  it("ends the oldest sessions beyond the cap when a new one starts", async () => {
    const mailbox = createMailbox("many-sessions");
    const ctx = context({ sessionLimits: { idleMinutes: 60, lifetimeHours: 24, maxPerUser: 3 } });
    const signedIn = [];
    for (let n = 0; n < 5; n++) signedIn.push(await signInWithMailbox(ctx, { ...mailbox, clientAddress: randomClientAddress(), userAgent: `browser ${n}` }));
    const left = await listSessionsForUser(handle.db, signedIn[0]!.userId);
    expect(left.map((session) => session.userAgent).sort()).toEqual(["browser 2", "browser 3", "browser 4"]);
    expect(await findSessionWithUser(handle.db, sessionRowId(signedIn[0]!.sessionId))).toBeUndefined();
  });
});
