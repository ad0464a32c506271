import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentSession } from "@/lib/auth/current-session";
import type { DatabaseHandle } from "@/lib/db/client";
import { upsertUserOnSignIn } from "@/lib/db/users";
import { ImapPool } from "@/lib/mail/imap/pool";
import { readMessageFrame } from "@/lib/reads/message-frame";
import { readMessageView } from "@/lib/reads/message-view";
import { readPrintView } from "@/lib/reads/print-view";
import { connectImap, createMailbox, mailServer, type TestMailbox } from "../support/mail-server";
import { openTestDatabase } from "../support/test-database";
import { connectLogged, rawMessage } from "./list-support";

// The reads use the app's pool and database; here they are a pool whose connections record
// every command they send, and the test database.
const app = vi.hoisted(() => ({ pool: undefined as unknown, db: undefined as unknown, logs: [] as string[][] }));
vi.mock("@/lib/auth/imap-pool-instance", () => ({ imapPool: () => app.pool }));
vi.mock("@/lib/db/database", () => ({ database: async () => app.db }));
// No Authentication-Results are trusted here (tests/integration/authentication-results.test.ts trusts some).
vi.mock("@/lib/env", () => ({ env: () => ({ authservId: undefined }) }));

let handle: DatabaseHandle;
let mailbox: TestMailbox;
let session: CurrentSession;
const uids: Record<string, number> = {};

/** FETCHes that fetch a message's content (BODY[], BODY.PEEK[], BINARY), not its structure or headers. */
function bodyFetches(): string[] {
  return app.logs.flat().filter((line) => /\bFETCH\b/i.test(line) && /\b(?:BODY(?:\.PEEK)?\[\]|BINARY(?:\.PEEK)?\[)/i.test(line));
}

function sessionOf(id: string, userId: string): CurrentSession {
  return { sessionId: id, rowId: `row-${id}`, userId, email: mailbox.email, imapCredentials: () => ({ user: mailbox.email, password: mailbox.password }) };
}

beforeAll(async () => {
  handle = await openTestDatabase();
  app.db = handle.db;
  mailbox = createMailbox("open");
  app.pool = new ImapPool({
    server: { host: mailServer().imapHost, port: mailServer().imapPort, security: "tls" },
    idleTimeoutMs: 60_000,
    maxConnections: 10,
    connect: async () => {
      const logged = await connectLogged(mailbox);
      app.logs.push(logged.commands);
      return logged.client;
    },
  });
  const user = await upsertUserOnSignIn(handle.db, mailbox.email);
  session = sessionOf("session-one", user.id);

  const setup = await connectImap(mailbox);
  try {
    const html = "text/html; charset=utf-8";
    const day = (n: number) => new Date(Date.UTC(2026, 9, n, 9, 0, 0));
    const single = await setup.append("INBOX", rawMessage({ subject: "Alone", body: "<p>Just one message.</p>", contentType: html, date: day(1) }));
    uids.single = Number(single && single.uid);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const messageId = `<thread-${i}-${Date.now()}@example.org>`;
      const appended = await setup.append(
        "INBOX",
        rawMessage({
          subject: i === 0 ? "Plans" : "Re: Plans",
          body: `<p>Part ${i} of the plan.</p>`,
          contentType: html,
          messageId,
          inReplyTo: ids.at(-1),
          references: [...ids],
          date: day(2 + i),
        }),
      );
      uids[`thread${i}`] = Number(appended && appended.uid);
      ids.push(messageId);
    }
  } finally {
    await setup.logout();
  }
});

afterAll(async () => {
  await (app.pool as ImapPool | undefined)?.closeAll();
  await handle?.close();
});

describe("opening a message", () => {
  it("fetches the body once for the message view and its frame", async () => {
    const before = bodyFetches().length;
    const view = await readMessageView(session, { folder: "INBOX", uid: uids.single! });
    if (!view.ok) throw new Error(view.error);
    expect(view.data.entries).toHaveLength(1);
    const { message, remoteAllowed } = view.data.entries[0]!;
    expect(message.body.kind).toBe("html");

    const frame = await readMessageFrame(session, { folder: "INBOX", uid: String(uids.single) }, { allowRemote: remoteAllowed, uidValidity: message.uidValidity });
    if (!frame.ok) throw new Error(frame.error);
    expect(frame.data.document).toContain("Just one message.");
    expect(bodyFetches().length - before).toBe(1);
  });

  it("fetches each body of a conversation of five once, not twice", async () => {
    const before = bodyFetches().length;
    const view = await readMessageView(session, { folder: "INBOX", uid: uids.thread2! });
    if (!view.ok) throw new Error(view.error);
    expect(view.data.entries.map((entry) => entry.message.uid)).toEqual([0, 1, 2, 3, 4].map((i) => uids[`thread${i}`]));
    for (const [index, { message, remoteAllowed }] of view.data.entries.entries()) {
      const frame = await readMessageFrame(session, { folder: "INBOX", uid: String(message.uid) }, { allowRemote: remoteAllowed, uidValidity: message.uidValidity });
      if (!frame.ok) throw new Error(frame.error);
      expect(frame.data.document).toContain(`Part ${index} of the plan.`);
    }
    expect(bodyFetches().length - before).toBe(5);
  });

  it("does so for the print view too", async () => {
    const before = bodyFetches().length;
    const view = await readPrintView(session, { folder: "INBOX", uid: uids.single! });
    if (!view.ok) throw new Error(view.error);
    const frame = await readMessageFrame(
      session,
      { folder: "INBOX", uid: String(uids.single) },
      { allowRemote: view.data.remoteAllowed, uidValidity: view.data.message.uidValidity },
    );
    expect(frame.ok).toBe(true);
    expect(bodyFetches().length - before).toBe(1);
  });

  it("loads the frame itself for another session, for remote content, and without a known UIDVALIDITY", async () => {
    const view = await readMessageView(session, { folder: "INBOX", uid: uids.single! });
    if (!view.ok) throw new Error(view.error);
    const { uidValidity } = view.data.entries[0]!.message;
    const params = { folder: "INBOX", uid: String(uids.single) };
    const before = bodyFetches().length;
    const other = sessionOf("session-two", session.userId);
    expect((await readMessageFrame(other, params, { allowRemote: false, uidValidity })).ok).toBe(true);
    expect((await readMessageFrame(session, params, { allowRemote: true, uidValidity })).ok).toBe(true);
    expect((await readMessageFrame(session, params, { allowRemote: false, uidValidity: null })).ok).toBe(true);
    expect(bodyFetches().length - before).toBe(3);
  });

  it("finds no message under another UIDVALIDITY, a UID that is gone or a malformed address", async () => {
    const params = { folder: "INBOX", uid: String(uids.single) };
    expect(await readMessageFrame(session, params, { allowRemote: false, uidValidity: "1" })).toMatchObject({ ok: false, code: "not-found" });
    expect(await readMessageFrame(session, { folder: "INBOX", uid: "999999" }, { allowRemote: false, uidValidity: null })).toMatchObject({ ok: false, code: "not-found" });
    expect(await readMessageFrame(session, { folder: "%E0%A4%A", uid: "1" }, { allowRemote: false, uidValidity: null })).toMatchObject({ ok: false, code: "not-found" });
    expect(await readMessageView(session, { folder: "INBOX", uid: 999999 })).toMatchObject({ ok: false, code: "not-found" });
  });
});
