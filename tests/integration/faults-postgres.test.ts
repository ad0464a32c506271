import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { database, databaseHandle } from "@/lib/db/database";
import { pingDatabase } from "@/lib/db/health";
import { NOTIFICATION_CHANNEL, publishNotification } from "@/lib/db/notifications";
import { upsertUserOnSignIn } from "@/lib/db/users";
import { probeHealth } from "@/lib/reads/health";
import { TEST_AUTH_SECRET } from "../support/app-server";
import { mailServer } from "../support/mail-server";
import { startPrivatePostgres, type PrivatePostgres } from "../support/private-postgres";
import { settle, until } from "../support/settle";

// PostgreSQL restarted under a running Mailroom: the app's own database handle (lib/db/database.ts,
// as every request uses it) on a cluster of this file's own. The machine's PostgreSQL is not touched.
let postgres: PrivatePostgres;
let dataDir: string;

beforeAll(async () => {
  postgres = await startPrivatePostgres();
  dataDir = mkdtempSync(path.join(os.tmpdir(), "mailroom-faults-pg-"));
  Object.assign(process.env, mailServer().appEnv, { AUTH_SECRET: TEST_AUTH_SECRET, MAILROOM_DATA_DIR: dataDir, DATABASE_URL: postgres.url });
  await database();
});
afterAll(async () => {
  await (await databaseHandle().catch(() => undefined))?.close();
  await postgres?.destroy();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The limit this file gives each database request while PostgreSQL is down. */
const LIMIT_MS = 10_000;

describe("PostgreSQL restarted", () => {
  it("requests fail cleanly while it is down and work again afterwards, on the same handle, without restarting Mailroom", async () => {
    const db = await database();
    const heard: string[] = [];
    const unlisten = await (await databaseHandle()).listen(NOTIFICATION_CHANNEL, (payload) => heard.push(payload));
    // Several requests at once, so the pool holds several idle connections when the server goes.
    await Promise.all(Array.from({ length: 5 }, (_, n) => upsertUserOnSignIn(db, `before-${n}@${mailServer().domain}`)));

    await postgres.stop();

    // Each request while it is down is refused promptly with an error (no hang, no crash); the
    // health check says so.
    const attempts = await Promise.all([settle(() => pingDatabase(db)), settle(() => upsertUserOnSignIn(db, `during@${mailServer().domain}`)), settle(() => pingDatabase(db))]);
    expect(attempts).toHaveLength(3);
    for (const attempt of attempts) {
      expect(attempt.error).toBeInstanceOf(Error);
      expect(attempt.ms).toBeLessThan(LIMIT_MS);
    }
    expect(
      await probeHealth({
        pingDatabase: () => pingDatabase(db),
        imap: { ...mailServer().appEnv, host: "127.0.0.1", port: mailServer().imapPort, security: "tls" },
        timeoutMs: 5_000,
      }),
    ).toMatchObject({
      database: "down",
    });

    await postgres.start();

    // The same handle serves again: nothing was reopened or restarted.
    expect(await database()).toBe(db);
    await pingDatabase(db);
    const user = await upsertUserOnSignIn(db, `after@${mailServer().domain}`);
    expect(user.email).toBe(`after@${mailServer().domain}`);
    // The listening connection (what tells other instances a session ended) comes back by itself.
    const payload = JSON.stringify({ kind: "probe", at: Date.now() });
    await until(
      () => {
        void publishNotification(db, JSON.parse(payload) as never).catch(() => undefined);
        return heard.includes(payload);
      },
      "a notification after the restart",
      25_000,
    );
    await unlisten();
  });
});
