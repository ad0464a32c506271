import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { imapPool } from "@/lib/auth/imap-pool-instance";
import { openDatabase, type DatabaseHandle } from "@/lib/db/client";
import { setFolderRoleChoice } from "@/lib/db/folder-roles";
import { cancelPendingSend, claimDueSends, failLapsedSends, findSendStatus, schedulePendingSend } from "@/lib/db/pending-sends";
import { pendingSends } from "@/lib/db/schema";
import { setUserLanguage } from "@/lib/db/user-settings";
import { upsertUserOnSignIn } from "@/lib/db/users";
import { buildMessage } from "@/lib/mail/compose/build-message";
import { runDueSends } from "@/lib/outgoing/scheduled-send";
import { TEST_AUTH_SECRET } from "../support/app-server";
import { connectImap, createMailbox, mailServer, type TestMailbox } from "../support/mail-server";
import { saveDraft, scheduleDraftSend } from "../support/scheduled-draft";
import { SHARED_POSTGRES_URL } from "../support/shared-postgres";
import { countMessages, waitForMessage } from "../support/wait-for-message";

// Two app instances are two database handles on the shared PostgreSQL, each claiming with its own id.
let first: DatabaseHandle;
let second: DatabaseHandle;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "mailroom-pending-"));
  Object.assign(process.env, mailServer().appEnv, { AUTH_SECRET: TEST_AUTH_SECRET, MAILROOM_DATA_DIR: dataDir });
  // The process's own database (lib/db/database.ts) is then an empty one in dataDir: a send that
  // read anything from it rather than from the handle it runs with would show.
  delete process.env.DATABASE_URL;
  first = openDatabase({ databaseUrl: SHARED_POSTGRES_URL, dataDir: "memory://" });
  second = openDatabase({ databaseUrl: SHARED_POSTGRES_URL, dataDir: "memory://" });
  await first.migrate();
});
afterAll(async () => {
  await imapPool().closeAll();
  await Promise.all([first?.close(), second?.close()]);
  rmSync(dataDir, { recursive: true, force: true });
});

/** Saves a draft to the sender's Drafts and records its Send, due after `delaySeconds`. */
async function draftAndSend(sender: TestMailbox, recipient: TestMailbox, delaySeconds: number) {
  const user = await upsertUserOnSignIn(first.db, sender.email);
  const messageId = `<${randomBytes(8).toString("hex")}@${mailServer().domain}>`;
  const subject = `Scheduled ${randomBytes(4).toString("hex")}`;
  const raw = await buildMessage(
    {
      messageId,
      from: { name: "", address: sender.email },
      to: [{ name: "", address: recipient.email }],
      cc: [],
      bcc: [],
      subject,
      html: null,
      text: "Sent by the server.",
      attachments: [],
    },
    { keepBcc: true, keepOrigin: true },
  );
  await saveDraft(sender, raw, messageId);
  const scheduled = await scheduleDraftSend(first.db, { userId: user.id, sender, messageId, subject, delaySeconds });
  return { userId: user.id, messageId, subject, scheduled };
}

describe("server-side undo send (pending_sends on PostgreSQL)", () => {
  it("two instances racing for the same due sends: each message goes out exactly once", async () => {
    const sender = createMailbox("race");
    const recipient = createMailbox("raced");
    const sends = [];
    for (let n = 0; n < 3; n++) sends.push(await draftAndSend(sender, recipient, 0));

    // Both instances tick at once, twice over: every row is claimed by exactly one of them.
    const claimed = await Promise.all([
      runDueSends(first.db, "instance-a"),
      runDueSends(second.db, "instance-b"),
      runDueSends(first.db, "instance-a"),
      runDueSends(second.db, "instance-b"),
    ]);
    expect(claimed.reduce((sum, count) => sum + count, 0)).toBe(sends.length);

    let seen = 0;
    for (const send of sends) {
      await waitForMessage(recipient, send.subject);
      expect(await findSendStatus(first.db, send.userId, send.messageId)).toMatchObject({ state: "sent", sentCopySaved: true, error: null });
      expect(await countMessages(sender, "Drafts", send.subject)).toBe(0);
      expect(await countMessages(sender, "Sent", send.subject)).toBe(1);
      seen++;
    }
    expect(seen).toBe(3);
    // Nothing left for a later tick, and no second copy arrives (Postfix delivers in well under this time).
    expect(await runDueSends(second.db, "instance-b")).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    for (const send of sends) expect(await countMessages(recipient, "INBOX", send.subject)).toBe(1);
  });

  it("a scheduled send uses the Sent folder the user chose, read from the database it runs against", async () => {
    const sender = createMailbox("chosen");
    const recipient = createMailbox("chosenrcpt");
    const client = await connectImap(sender);
    try {
      await client.mailboxCreate("Outgoing copies");
    } finally {
      await client.logout();
    }
    const send = await draftAndSend(sender, recipient, 0);
    await setFolderRoleChoice(second.db, send.userId, "sent", "Outgoing copies");
    const started = Date.now();
    expect(await runDueSends(second.db, "instance-b")).toBe(1);
    // It used to open and migrate the process's own database in the middle of the send (20 s and more on a busy machine).
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await findSendStatus(first.db, send.userId, send.messageId)).toMatchObject({ state: "sent", sentCopySaved: true });
    expect(await countMessages(sender, "Outgoing copies", send.subject)).toBe(1);
    expect(await countMessages(sender, "Sent", send.subject)).toBe(0);
    await waitForMessage(recipient, send.subject);
  });

  it("undo before the due time: nothing is sent, the draft stays, and the sealed login is wiped", async () => {
    const sender = createMailbox("undo");
    const recipient = createMailbox("undone");
    const send = await draftAndSend(sender, recipient, 0);
    expect(await cancelPendingSend(second.db, send.userId, send.messageId)).toBe(true);

    expect(await Promise.all([runDueSends(first.db, "instance-a"), runDueSends(second.db, "instance-b")])).toEqual([0, 0]);
    expect(await findSendStatus(first.db, send.userId, send.messageId)).toMatchObject({ state: "cancelled" });
    // Read the row as a database dump would.
    const rows = await first.db.select({ sealed: pendingSends.sealedCredentials }).from(pendingSends).where(eq(pendingSends.messageId, send.messageId));
    expect(rows).toEqual([{ sealed: null }]);
    expect(await countMessages(sender, "Drafts", send.subject)).toBe(1);
    expect(await countMessages(recipient, "INBOX", send.subject)).toBe(0);
  });

  it("a send not yet due is left alone; once claimed it can no longer be undone", async () => {
    const sender = createMailbox("later");
    const recipient = createMailbox("laterrcpt");
    const later = await draftAndSend(sender, recipient, 600);
    expect(later.scheduled.msLeft).toBeGreaterThan(590_000);
    expect(await claimDueSends(first.db, "instance-a", { leaseMs: 60_000, limit: 10, only: { userId: later.userId, messageId: later.messageId } })).toEqual([]);
    // Send pressed again in another tab: the first Send stands.
    expect(
      await schedulePendingSend(second.db, { userId: later.userId, messageId: later.messageId, subject: "", attachmentIds: [], delaySeconds: 0, sealedCredentials: "x" }),
    ).toBeUndefined();

    const due = await draftAndSend(sender, recipient, 0);
    const [row] = await claimDueSends(first.db, "instance-a", { leaseMs: -1_000, limit: 1, only: { userId: due.userId, messageId: due.messageId } });
    expect(row?.state).toBe("sending");
    expect(await cancelPendingSend(second.db, due.userId, due.messageId)).toBe(false);
    // The claiming instance stopped (its lease lapsed): the row is settled as failed, never sent
    // again, and says so in the sender's language setting (here German).
    await setUserLanguage(first.db, due.userId, "de");
    expect(await failLapsedSends(second.db, { fallback: "stopped while sending", byLanguage: { de: "beim Senden angehalten" } })).toBeGreaterThanOrEqual(1);
    expect(await findSendStatus(first.db, due.userId, due.messageId)).toMatchObject({ state: "failed", error: "beim Senden angehalten" });
    await setUserLanguage(first.db, due.userId, "auto");
    expect(await runDueSends(second.db, "instance-b")).toBe(0);
    expect(await countMessages(recipient, "INBOX", due.subject)).toBe(0);
    expect(await countMessages(sender, "Drafts", due.subject)).toBe(1);
    expect(await cancelPendingSend(first.db, later.userId, later.messageId)).toBe(true);
  });
});
