import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import type { ImapFlow } from "imapflow";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { sessionRowId } from "@/lib/auth/vault";
import { openDatabase, type DatabaseHandle } from "@/lib/db/client";
import { NOTIFICATION_CHANNEL, parseNotification, publishNotification, type InstanceNotification } from "@/lib/db/notifications";
import { applyNotification } from "@/lib/live/instance-notifications";
import { onSessionEnded } from "@/lib/live/session-streams";
import type { ImapServer } from "@/lib/mail/imap/connect";
import { ImapPool } from "@/lib/mail/imap/pool";
import { createMailbox, mailServer } from "../support/mail-server";
import { SHARED_POSTGRES_URL } from "../support/shared-postgres";

// Two app instances, as far as notifications go: two database handles on one PostgreSQL, each
// with its own listening connection (and, below, its own IMAP pool).
let first: DatabaseHandle;
let second: DatabaseHandle;
const stops: Array<() => Promise<void>> = [];

beforeAll(async () => {
  first = openDatabase({ databaseUrl: SHARED_POSTGRES_URL, dataDir: "memory://" });
  second = openDatabase({ databaseUrl: SHARED_POSTGRES_URL, dataDir: "memory://" });
  await first.migrate();
});
afterEach(async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()));
});
afterAll(async () => {
  await Promise.all([first?.close(), second?.close()]);
});

/** Collects what a handle hears on a channel; `next()` waits (bounded) for the next payload. */
async function listener(handle: DatabaseHandle, channel: string) {
  const heard: string[] = [];
  let wake: (() => void) | undefined;
  const stop = await handle.listen(channel, (payload) => {
    heard.push(payload);
    wake?.();
  });
  stops.push(stop);
  return {
    heard,
    async next(count: number, waitMs = 10_000) {
      const deadline = Date.now() + waitMs;
      while (heard.length < count && Date.now() < deadline) await new Promise<void>((resolve) => ((wake = resolve), setTimeout(resolve, 200)));
      return heard;
    },
  };
}

function randomRowId(): string {
  return sessionRowId(randomBytes(32).toString("base64url"));
}

const notify = (handle: DatabaseHandle, channel: string, payload: string) => handle.db.execute(`select pg_notify('${channel}', '${payload}')`);

describe("notifications between instances (PostgreSQL LISTEN/NOTIFY)", () => {
  it("reach every listening instance, the sender included", async () => {
    const channel = `test_${randomBytes(6).toString("hex")}`;
    const onFirst = await listener(first, channel);
    const onSecond = await listener(second, channel);
    await notify(first, channel, "one");
    await notify(second, channel, "two");
    expect(await onFirst.next(2)).toEqual(["one", "two"]);
    expect(await onSecond.next(2)).toEqual(["one", "two"]);
  });

  it("keep arriving after the listening connection is cut: it reconnects and LISTENs again", async () => {
    const channel = `test_${randomBytes(6).toString("hex")}`;
    const heard = await listener(second, channel);
    const terminated = await first.db.execute(`select pg_terminate_backend(pid) as done from pg_stat_activity where query = 'LISTEN "${channel}"'`);
    expect((terminated as unknown as { rows: unknown[] }).rows).toHaveLength(1);
    // Notifications sent while it reconnects are lost (the database still says what they said):
    // send until one arrives, boundedly.
    let sent = 0;
    while (heard.heard.length === 0 && sent < 40) {
      await notify(first, channel, `after-${sent++}`);
      await heard.next(1, 500);
    }
    expect(heard.heard.length).toBeGreaterThan(0);
    expect(heard.heard[0]).toMatch(/^after-\d+$/);
  });

  it("carry only what they name: unknown payloads are ignored", () => {
    const rowId = randomRowId();
    expect(parseNotification(JSON.stringify({ kind: "session-ended", sessionRowId: rowId }))).toEqual({ kind: "session-ended", sessionRowId: rowId });
    for (const payload of ["", "not json", "{}", JSON.stringify({ kind: "session-ended", sessionRowId: "x" }), JSON.stringify({ kind: "other" })]) {
      expect(parseNotification(payload)).toBeUndefined();
    }
  });
});

describe("a session ended on one instance", () => {
  const pools: ImapPool[] = [];
  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.closeAll()));
  });

  function server(): ImapServer {
    const { imapHost, imapPort, caFile } = mailServer();
    return { host: imapHost, port: imapPort, security: "tls", ca: readFileSync(caFile, "utf8") };
  }

  it("loses its live streams and pooled IMAP connections on every instance at once; other sessions keep theirs", async () => {
    const mailbox = createMailbox("notify-revoke");
    const credentials = { user: mailbox.email, password: mailbox.password };
    const revoked = randomBytes(32).toString("base64url");
    const kept = randomBytes(32).toString("base64url");
    const instances = [first, second].map((handle) => ({ handle, pool: new ImapPool({ server: server(), idleTimeoutMs: 60_000, maxConnections: 10 }) }));
    pools.push(...instances.map((instance) => instance.pool));

    const closed: ImapFlow[] = [];
    for (const { pool } of instances) {
      for (const key of [revoked, kept]) {
        const client = await pool.run(key, credentials, async (connection) => connection);
        if (key === revoked) client.once("close", () => closed.push(client));
      }
    }
    const applied: InstanceNotification[] = [];
    for (const { handle, pool } of instances) {
      stops.push(
        await handle.listen(NOTIFICATION_CHANNEL, (payload) => {
          const notification = parseNotification(payload);
          if (notification?.sessionRowId === sessionRowId(revoked)) void applyNotification(notification, pool).then(() => applied.push(notification));
        }),
      );
    }
    let streamsEnded = 0;
    onSessionEnded(sessionRowId(revoked), () => streamsEnded++);
    onSessionEnded(sessionRowId(revoked), () => streamsEnded++);
    let otherStreamEnded = false;
    const forgetOther = onSessionEnded(sessionRowId(kept), () => (otherStreamEnded = true));

    await publishNotification(first.db, { kind: "session-ended", sessionRowId: sessionRowId(revoked) });
    const deadline = Date.now() + 10_000;
    while ((applied.length < 2 || closed.length < 2) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));

    expect(applied).toHaveLength(2);
    expect(closed).toHaveLength(2);
    expect(streamsEnded).toBe(2);
    expect(otherStreamEnded).toBe(false);
    for (const { pool } of instances) expect(pool.sessionKeys()).toEqual([kept]);
    forgetOther();
  });
});

describe("notifications on the embedded database", () => {
  it("are delivered within the process", async () => {
    const embedded = openDatabase({ databaseUrl: undefined, dataDir: "memory://" });
    try {
      const heard = await listener(embedded, NOTIFICATION_CHANNEL);
      const rowId = randomRowId();
      await publishNotification(embedded.db, { kind: "session-ended", sessionRowId: rowId });
      const [payload] = await heard.next(1);
      expect(parseNotification(payload ?? "")).toEqual({ kind: "session-ended", sessionRowId: rowId });
      await Promise.all(stops.splice(0).map((stop) => stop()));
    } finally {
      await embedded.close();
    }
  });
});
