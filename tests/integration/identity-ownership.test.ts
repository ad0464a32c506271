import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { imapPool } from "@/lib/auth/imap-pool-instance";
import type { DatabaseHandle } from "@/lib/db/client";
import { confirmIdentityCode, insertIdentity, sendableIdentities, setIdentityConfirmationCode } from "@/lib/db/identities";
import { findSendStatus } from "@/lib/db/pending-sends";
import { setUserLanguage } from "@/lib/db/user-settings";
import { upsertUserOnSignIn } from "@/lib/db/users";
import { buildMessage } from "@/lib/mail/compose/build-message";
import { runDueSends } from "@/lib/outgoing/scheduled-send";
import { hashConfirmationCode, mailConfirmationCode, newConfirmationCode } from "@/lib/outgoing/send-identity-code";
import { TEST_AUTH_SECRET } from "../support/app-server";
import { createMailbox, mailServer, type TestMailbox } from "../support/mail-server";
import { saveDraft, scheduleDraftSend } from "../support/scheduled-draft";
import { openTestDatabase } from "../support/test-database";
import { countMessages, waitForMessage } from "../support/wait-for-message";

let handle: DatabaseHandle;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "mailroom-identities-"));
  Object.assign(process.env, mailServer().appEnv, { AUTH_SECRET: TEST_AUTH_SECRET, MAILROOM_DATA_DIR: dataDir });
  handle = await openTestDatabase();
});
afterAll(async () => {
  await imapPool().closeAll();
  await handle?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const inAnHour = () => new Date(Date.now() + 3_600_000);

describe("identity ownership: a code mailed to the address before it can be sent from", () => {
  it("mails the code through the company relay to the address, signed in as the user", async () => {
    const user = createMailbox("owner");
    const colleague = createMailbox("colleague");
    const code = newConfirmationCode();
    expect(code).toMatch(/^\d{6}$/);
    await mailConfirmationCode({ userId: "unused", email: user.email, imapCredentials: () => ({ user: user.email, password: user.password }) }, colleague.email, code);
    const received = await waitForMessage(colleague, `Confirm that you can send as ${colleague.email}`);
    expect(received.from?.value[0]?.address).toBe(user.email);
    expect(received.text).toContain(code);

    // In the language of the user who asked for it.
    const german = newConfirmationCode();
    await mailConfirmationCode({ userId: "unused", email: user.email, imapCredentials: () => ({ user: user.email, password: user.password }) }, colleague.email, german, "de");
    const deutsch = await waitForMessage(colleague, `Bestätigen Sie, dass Sie als ${colleague.email} senden dürfen`);
    expect(deutsch.text).toContain(`Einstellungen → Identitäten ein: ${german}`);
  });

  it("confirms with the right code only; wrong tries are counted and too many void the code", async () => {
    const mailbox = createMailbox("confirm");
    const user = await upsertUserOnSignIn(handle.db, mailbox.email);
    const colleague = `boss-${randomBytes(3).toString("hex")}@${mailServer().domain}`;
    const identity = await insertIdentity(handle.db, user.id, { email: colleague, displayName: "", signatureHtml: "", replyTo: null });
    if (!identity) throw new Error("not inserted");
    const sendable = async () => (await sendableIdentities(handle.db, user.id, mailbox.email, (email) => email === mailbox.email)).map((row) => row.email);
    expect(await sendable()).toEqual([mailbox.email]);

    await setIdentityConfirmationCode(handle.db, user.id, identity.id, hashConfirmationCode(identity.id, "111111"), inAnHour());
    const tries = [];
    for (let n = 0; n < 5; n++) tries.push(await confirmIdentityCode(handle.db, user.id, identity.id, hashConfirmationCode(identity.id, `00000${n}`), 5));
    expect(tries).toEqual(["wrong", "wrong", "wrong", "wrong", "expired"]);
    // The right code no longer helps once it was voided.
    expect(await confirmIdentityCode(handle.db, user.id, identity.id, hashConfirmationCode(identity.id, "111111"), 5)).toBe("expired");
    expect(await sendable()).toEqual([mailbox.email]);

    // An expired code does not confirm either.
    await setIdentityConfirmationCode(handle.db, user.id, identity.id, hashConfirmationCode(identity.id, "222222"), new Date(Date.now() - 1_000));
    expect(await confirmIdentityCode(handle.db, user.id, identity.id, hashConfirmationCode(identity.id, "222222"), 5)).toBe("expired");

    await setIdentityConfirmationCode(handle.db, user.id, identity.id, hashConfirmationCode(identity.id, "333333"), inAnHour());
    // Another user's code hash for the same digits is different: codes are bound to their identity.
    expect(hashConfirmationCode(identity.id, "333333")).not.toBe(hashConfirmationCode(user.id, "333333"));
    expect(await confirmIdentityCode(handle.db, user.id, identity.id, hashConfirmationCode(identity.id, " 333333 "), 5)).toBe("confirmed");
    expect(await sendable()).toEqual([mailbox.email, colleague]);
  });
});

describe("sending as a colleague is refused at send time, whatever the draft says", () => {
  async function sendHandMadeDraft(sender: TestMailbox, userId: string, edit: (headers: string) => string) {
    const recipient = createMailbox("victim");
    const messageId = `<${randomBytes(8).toString("hex")}@${mailServer().domain}>`;
    const subject = `Hand-made ${randomBytes(4).toString("hex")}`;
    const built = await buildMessage(
      {
        messageId,
        from: { name: "", address: sender.email },
        to: [{ name: "", address: recipient.email }],
        cc: [],
        bcc: [],
        subject,
        html: null,
        text: "Pay this invoice.",
        attachments: [],
      },
      { keepBcc: true, keepOrigin: true },
    );
    const split = built.indexOf("\r\n\r\n");
    const raw = Buffer.concat([Buffer.from(edit(built.subarray(0, split).toString("utf8"))), built.subarray(split)]);
    await saveDraft(sender, raw, messageId);
    await scheduleDraftSend(handle.db, { userId, sender, messageId, subject });
    await runDueSends(handle.db, "identity-test");
    return { status: await findSendStatus(handle.db, userId, messageId), recipient, subject };
  }

  it("an unconfirmed identity, a second From, a Sender header: each refused with its reason, nothing delivered, the draft kept", async () => {
    const sender = createMailbox("forger");
    const user = await upsertUserOnSignIn(handle.db, sender.email);
    const colleague = `ceo-${randomBytes(3).toString("hex")}@${mailServer().domain}`;
    await insertIdentity(handle.db, user.id, { email: colleague, displayName: "CEO", signatureHtml: "", replyTo: null });
    const fromLine = /^From: .*$/m;
    const cases: [string, (headers: string) => string, RegExp][] = [
      ["unconfirmed identity", (headers) => headers.replace(fromLine, `From: CEO <${colleague}>`), /own confirmed addresses/],
      ["two From addresses", (headers) => headers.replace(fromLine, `From: ${sender.email}, ${colleague}`), /more than one/],
      ["two From fields", (headers) => `${headers}\r\nFrom: ${colleague}`, /more than one/],
      ["Sender header", (headers) => `${headers}\r\nSender: ${colleague}`, /Sender header/],
    ];
    let refused = 0;
    for (const [name, edit, reason] of cases) {
      const { status, recipient, subject } = await sendHandMadeDraft(sender, user.id, edit);
      expect(status?.state, name).toBe("failed");
      expect(status?.error, name).toMatch(reason);
      expect(status?.error, name).toContain("saved in Drafts");
      expect(await countMessages(sender, "Drafts", subject), name).toBe(1);
      expect(await countMessages(recipient, "INBOX", subject), name).toBe(0);
      refused++;
    }
    expect(refused).toBe(cases.length);
  });

  it("words the refusal in the sender's language setting, though no request is there to ask", async () => {
    const sender = createMailbox("faelscher");
    const user = await upsertUserOnSignIn(handle.db, sender.email);
    await setUserLanguage(handle.db, user.id, "de");
    const { status } = await sendHandMadeDraft(sender, user.id, (headers) => `${headers}\r\nSender: boss@${mailServer().domain}`);
    expect(status?.state).toBe("failed");
    expect(status?.error).toBe(
      "Dieser Entwurf hat eine Sender-Kopfzeile: Mailroom sendet nicht im Namen anderer. Schreiben Sie die Nachricht im Editor neu. Die Nachricht wurde nicht gesendet. Sie ist im Entwurfsordner gespeichert.",
    );
  });
});
