import type { ImapFlow } from "imapflow";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { describeMailboxError } from "@/lib/auth/mailbox-error";
import { catalogueTranslator } from "@/lib/i18n/catalogue-translator";
import { ImapConnectError, openImapConnection, type ImapServer, type MailboxCredentials } from "@/lib/mail/imap/connect";
import { ImapPool } from "@/lib/mail/imap/pool";
import { MailboxWatchers, type MailboxChange } from "@/lib/mail/imap/watch";
import { probeHealth } from "@/lib/reads/health";
import { startPrivateDovecot, type PrivateDovecot } from "../support/private-dovecot";
import { inboxSubjects, settle, until } from "../support/settle";

// Faults of the IMAP server itself, on a Dovecot of this file's own: restarting or stopping it
// disturbs no other test. The shared Dovecot is never touched.
let dovecot: PrivateDovecot;
let pool: ImapPool | undefined;
let watchers: MailboxWatchers | undefined;

/** The limit this file configures: connecting and greeting must each finish within it. */
const CONNECT_TIMEOUT_MS = 5_000;

beforeAll(async () => {
  dovecot = await startPrivateDovecot();
});
afterEach(async () => {
  await pool?.closeAll();
  await watchers?.closeAll();
  pool = undefined;
  watchers = undefined;
  await dovecot.start().catch(() => undefined);
});
afterAll(async () => {
  await dovecot?.destroy();
});

function server(): ImapServer {
  return { ...dovecot.server, timeoutMs: CONNECT_TIMEOUT_MS };
}

/** Counts the connections really opened. */
function counting() {
  const opened: ImapFlow[] = [];
  return {
    opened,
    connect: async (target: ImapServer, credentials: MailboxCredentials) => {
      const client = await openImapConnection(target, credentials);
      opened.push(client);
      return client;
    },
  };
}

describe("Dovecot restarted while a user is reading", () => {
  it("the next read succeeds on a new connection, and the live watcher ends so the stream's reconnect watches again", async () => {
    const reader = dovecot.addUser("restart");
    const credentials = { user: reader.email, password: reader.password };
    await dovecot.appendMessage(reader, "Before the restart");
    const { opened, connect } = counting();
    pool = new ImapPool({ server: server(), idleTimeoutMs: 60_000, maxConnections: 10, connect });
    watchers = new MailboxWatchers({ server: server(), maxWatchers: 10, maxPerSession: 3, settleMs: 50 });
    expect(await pool.run("reading", credentials, inboxSubjects)).toEqual(["Before the restart"]);
    let watcherClosed = false;
    await watchers.watch(
      "reading",
      () => credentials,
      "INBOX",
      (change) => {
        if (change === "closed") watcherClosed = true;
      },
    );

    await dovecot.restart();

    // The pooled connection died with the old Dovecot: the next action reconnects by itself.
    expect(await pool.run("reading", credentials, inboxSubjects)).toEqual(["Before the restart"]);
    expect(opened).toHaveLength(2);
    expect(pool.stats().open).toBe(1);

    // The watcher's end is what closes the event stream; the browser's EventSource then opens a
    // new one, which watches again on the restarted server and hears new mail.
    await until(() => watcherClosed, "the watcher to report its connection closed", 20_000);
    expect(watchers.stats().watchers).toBe(0);
    const changes: MailboxChange[] = [];
    await watchers.watch(
      "reading",
      () => credentials,
      "INBOX",
      (change) => change !== "closed" && changes.push(change),
    );
    await dovecot.appendMessage(reader, "After the restart");
    await until(() => changes.length > 0, "a live change after the restart", 20_000);
    expect(changes[0]).toEqual({ folder: "INBOX", exists: 2, arrived: 1 });
  });
});

describe("Dovecot stopped", () => {
  it("every request fails at once with a clear message, nothing hangs, and service returns by itself when Dovecot does", async () => {
    const reader = dovecot.addUser("stopped");
    const credentials = { user: reader.email, password: reader.password };
    await dovecot.appendMessage(reader, "Kept through the outage");
    pool = new ImapPool({ server: server(), idleTimeoutMs: 60_000, maxConnections: 10 });
    watchers = new MailboxWatchers({ server: server(), maxWatchers: 10, maxPerSession: 3 });
    await pool.run("outage", credentials, inboxSubjects);

    await dovecot.stop();

    // The open session's next reads, and a session that never connected, in parallel.
    const attempts = await Promise.all([
      settle(() => pool!.run("outage", credentials, inboxSubjects)),
      settle(() => pool!.run("outage", credentials, inboxSubjects)),
      settle(() => pool!.run("fresh", credentials, inboxSubjects)),
      settle(() =>
        watchers!.watch(
          "outage",
          () => credentials,
          "INBOX",
          () => undefined,
        ),
      ),
    ]);
    expect(attempts).toHaveLength(4);
    const t = await catalogueTranslator("errors");
    for (const attempt of attempts) {
      expect(attempt.error).toBeInstanceOf(ImapConnectError);
      expect((attempt.error as ImapConnectError).kind).toBe("unreachable");
      expect(describeMailboxError(attempt.error, t)).toBe("The mail server can't be reached right now. Please try again in a moment.");
      // The bound the issue asks for: within the configured connect limit (a refused port answers at once).
      expect(attempt.ms).toBeLessThan(CONNECT_TIMEOUT_MS);
    }
    expect(pool.stats().open).toBe(0);
    expect(watchers.stats().watchers).toBe(0);
    const health = await probeHealth({ pingDatabase: async () => undefined, imap: server(), timeoutMs: CONNECT_TIMEOUT_MS });
    expect(health).toEqual({ status: "unavailable", database: "ok", imap: "down" });

    await dovecot.start();

    // Nothing was restarted or reset on Mailroom's side: the same pool and watchers serve again.
    expect(await pool.run("outage", credentials, inboxSubjects)).toEqual(["Kept through the outage"]);
    const changes: MailboxChange[] = [];
    await watchers.watch(
      "outage",
      () => credentials,
      "INBOX",
      (change) => change !== "closed" && changes.push(change),
    );
    await dovecot.appendMessage(reader, "After the outage");
    await until(() => changes.length > 0, "a live change after the outage", 20_000);
    expect(changes[0]).toMatchObject({ arrived: 1 });
    expect(await probeHealth({ pingDatabase: async () => undefined, imap: server(), timeoutMs: CONNECT_TIMEOUT_MS })).toEqual({
      status: "ok",
      database: "ok",
      imap: "ok",
    });
  });
});
