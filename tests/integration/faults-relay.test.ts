import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { imapPool } from "@/lib/auth/imap-pool-instance";
import type { DatabaseHandle } from "@/lib/db/client";
import { findSendStatus, listOpenSends } from "@/lib/db/pending-sends";
import { upsertUserOnSignIn } from "@/lib/db/users";
import { buildMessage } from "@/lib/mail/compose/build-message";
import { saveOutgoingChoice } from "@/lib/outgoing/relay-policy";
import { runDueSends } from "@/lib/outgoing/scheduled-send";
import { TEST_AUTH_SECRET } from "../support/app-server";
import { startFaultRelay, type FaultRelay } from "../support/fault-relay";
import { createMailbox, mailServer, type TestMailbox } from "../support/mail-server";
import { saveDraft, scheduleDraftSend } from "../support/scheduled-draft";
import { openTestDatabase } from "../support/test-database";
import { countMessages, waitForMessage } from "../support/wait-for-message";

/**
 * The relay misbehaving under a scheduled send (lib/outgoing/scheduled-send.ts, as the scheduler
 * runs it): it refuses the login, refuses a recipient, or drops the connection in the middle of
 * DATA. Each time the draft stays in Drafts, the Outbox says why, nothing lands in Sent, and no
 * recipient gets the message twice. The fault relay (tests/support/fault-relay.ts) is the user's own
 * relay and passes what it accepts on to the real Postfix; the success case goes to Postfix directly
 * as the company relay.
 */

let relay: FaultRelay;
let handle: DatabaseHandle;
let dataDir: string;
/** Signs in to the fault relay with their mailbox login; their own relay is the fault relay. */
let relayUser: TestMailbox;
/** Sends through the company relay (the real Postfix). */
let companyUser: TestMailbox;
/** Every message is addressed here (subjects keep them apart), and to `refused` where the relay refuses a recipient. */
let recipient: TestMailbox;
let refused: TestMailbox;
const INSTANCE = "faults-relay";
/** Postfix hands a message to Dovecot in well under this; a second copy would be there by then. */
const SETTLE_MS = 1_500;

beforeAll(async () => {
  relay = await startFaultRelay();
  dataDir = mkdtempSync(path.join(os.tmpdir(), "mailroom-faults-relay-"));
  Object.assign(process.env, mailServer().appEnv, {
    AUTH_SECRET: TEST_AUTH_SECRET,
    MAILROOM_DATA_DIR: dataDir,
    // The administrator allows this one loopback relay (the forgery guard refuses loopback otherwise).
    MAILROOM_SMTP_ALLOWED_HOSTS: `127.0.0.1:${relay.port}`,
  });
  handle = await openTestDatabase();
  [relayUser, companyUser, recipient, refused] = [createMailbox("relayuser"), createMailbox("companyuser"), createMailbox("relayrcpt"), createMailbox("relayrefused")];
  await useFaultRelay(relayUser);
  relay.refused.add(refused.email);
});
afterAll(async () => {
  await imapPool().closeAll();
  await handle?.close();
  await relay?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const settled = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

/** The user's mail goes out through the fault relay, signing in there with their mailbox login. */
async function useFaultRelay(sender: TestMailbox): Promise<void> {
  const user = await upsertUserOnSignIn(handle.db, sender.email);
  const saved = await saveOutgoingChoice(handle.db, user.id, {
    useCompanyRelay: false,
    host: "127.0.0.1",
    port: relay.port,
    security: "starttls",
    username: sender.email,
    password: sender.password,
    removePassword: false,
    saveSentCopy: true,
  });
  if (!saved.ok) throw new Error(saved.passwordProblem);
}

/** Saves a draft in the sender's Drafts and records its Send, due now, as the Send button does. */
async function draftAndSend(sender: TestMailbox, to: string[], options: { bodyBytes?: number } = {}) {
  const user = await upsertUserOnSignIn(handle.db, sender.email);
  const messageId = `<${randomBytes(8).toString("hex")}@${mailServer().domain}>`;
  const subject = `Relay fault ${randomBytes(4).toString("hex")}`;
  const text = options.bodyBytes ? "A long line of the report.\n".repeat(Math.ceil(options.bodyBytes / 27)) : "Sent by the scheduler.";
  const raw = await buildMessage(
    { messageId, from: { name: "", address: sender.email }, to: to.map((address) => ({ name: "", address })), cc: [], bcc: [], subject, html: null, text, attachments: [] },
    { keepBcc: true, keepOrigin: true },
  );
  await saveDraft(sender, raw, messageId);
  await scheduleDraftSend(handle.db, { userId: user.id, sender, messageId, subject });
  return { userId: user.id, messageId, subject };
}

/** What the Outbox beside the folders shows for this message (lib/reads/outbox.ts reads the same rows). */
async function outboxEntry(userId: string, messageId: string) {
  return (await listOpenSends(handle.db, userId)).find((entry) => entry.messageId === messageId);
}

/** The draft kept, nothing in Sent, nothing passed on by the relay, nothing at either recipient after the settle period. */
async function expectNotSent(subject: string) {
  await settled();
  expect(relay.forwarded.filter((message) => message.subject === subject)).toEqual([]);
  expect(await countMessages(relayUser, "Drafts", subject)).toBe(1);
  expect(await countMessages(relayUser, "Sent", subject)).toBe(0);
  expect(await countMessages(recipient, "INBOX", subject)).toBe(0);
  expect(await countMessages(refused, "INBOX", subject)).toBe(0);
}

/** Delivered exactly once to `to`: nothing arrives twice within the settle period. */
async function expectDeliveredOnce(sender: TestMailbox, to: TestMailbox, subject: string) {
  await waitForMessage(to, subject);
  await settled();
  expect(await countMessages(to, "INBOX", subject)).toBe(1);
  expect(await countMessages(sender, "Sent", subject)).toBe(1);
  expect(await countMessages(sender, "Drafts", subject)).toBe(0);
}

// Each case is bounded well below the file's budget: a send here never waits on a timeout.
describe("the relay misbehaving under a scheduled send", { timeout: 20_000 }, () => {
  it("succeeds through the real Postfix (the company relay): delivered once, copy in Sent, draft gone", async () => {
    const send = await draftAndSend(companyUser, [recipient.email]);
    expect(await runDueSends(handle.db, INSTANCE)).toBe(1);
    expect(await findSendStatus(handle.db, send.userId, send.messageId)).toMatchObject({ state: "sent", error: null, warning: null, sentCopySaved: true });
    await expectDeliveredOnce(companyUser, recipient, send.subject);
  });

  it("login refused (535): the Outbox says the username or password was not accepted; the draft stays", async () => {
    relay.fault = "refuse-auth";
    const send = await draftAndSend(relayUser, [recipient.email]);
    expect(await runDueSends(handle.db, INSTANCE)).toBe(1);
    const entry = await outboxEntry(send.userId, send.messageId);
    expect(entry).toMatchObject({ state: "failed", subject: send.subject });
    expect(entry?.error).toBe(`127.0.0.1:${relay.port} did not accept the username or password. The message was not sent; it is saved in Drafts.`);
    // A failed send is not tried again by a later tick.
    expect(await runDueSends(handle.db, INSTANCE)).toBe(0);
    await expectNotSent(send.subject);
  });

  it("the only recipient refused (550): the Outbox names the recipient; the draft stays", async () => {
    relay.fault = "none";
    const send = await draftAndSend(relayUser, [refused.email]);
    expect(await runDueSends(handle.db, INSTANCE)).toBe(1);
    const entry = await outboxEntry(send.userId, send.messageId);
    expect(entry).toMatchObject({ state: "failed" });
    expect(entry?.error).toBe(`The outgoing mail server refused the recipients: ${refused.email}. The message was not sent; it is saved in Drafts.`);
    expect(await runDueSends(handle.db, INSTANCE)).toBe(0);
    await expectNotSent(send.subject);
  });

  // Decided: a relay that takes the message for some recipients has sent it. The accepted recipient
  // gets it exactly once, the copy goes to Sent and the draft is removed (sending it again from
  // Drafts would give the accepted recipient a second copy); the refused recipient is named in the
  // send's warning, so the user can write to them again.
  it("one of two recipients refused: the other gets it exactly once, and the warning names the refused one", async () => {
    relay.fault = "none";
    const send = await draftAndSend(relayUser, [recipient.email, refused.email]);
    expect(await runDueSends(handle.db, INSTANCE)).toBe(1);
    const status = await findSendStatus(handle.db, send.userId, send.messageId);
    expect(status).toMatchObject({ state: "sent", error: null, sentCopySaved: true });
    expect(status?.warning).toBe(`The outgoing mail server refused some recipients, so they did not get the message: ${refused.email}.`);
    expect(await outboxEntry(send.userId, send.messageId)).toBeUndefined();
    expect(await runDueSends(handle.db, INSTANCE)).toBe(0);
    await expectDeliveredOnce(relayUser, recipient, send.subject);
    expect(relay.forwarded.filter((message) => message.subject === send.subject)).toEqual([{ subject: send.subject, to: [recipient.email] }]);
    expect(await countMessages(refused, "INBOX", send.subject)).toBe(0);
  });

  it("connection dropped in the middle of DATA: the Outbox says so, the draft stays; sent again, it arrives once", async () => {
    relay.fault = "drop-in-data";
    const dropped = relay.dropped;
    // Large enough that the relay has only part of it when it goes away.
    const send = await draftAndSend(relayUser, [recipient.email], { bodyBytes: 300_000 });
    expect(await runDueSends(handle.db, INSTANCE)).toBe(1);
    expect(relay.dropped).toBe(dropped + 1);
    const entry = await outboxEntry(send.userId, send.messageId);
    expect(entry).toMatchObject({ state: "failed" });
    expect(entry?.error).toBe(`127.0.0.1:${relay.port} closed the connection before it accepted the message. The message was not sent; it is saved in Drafts.`);
    expect(await runDueSends(handle.db, INSTANCE)).toBe(0);
    await expectNotSent(send.subject);

    // The relay is back and the user presses Send again on the kept draft, over the same outbox connection: it goes out once.
    relay.fault = "none";
    const opened = imapPool().stats().opened;
    await scheduleDraftSend(handle.db, { userId: send.userId, sender: relayUser, messageId: send.messageId, subject: send.subject });
    expect(await runDueSends(handle.db, INSTANCE)).toBe(1);
    expect(imapPool().stats().opened).toBe(opened);
    expect(await findSendStatus(handle.db, send.userId, send.messageId)).toMatchObject({ state: "sent", error: null, warning: null });
    await expectDeliveredOnce(relayUser, recipient, send.subject);
  });
});
