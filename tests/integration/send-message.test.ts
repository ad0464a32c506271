import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import type { ImapFlow } from "imapflow";
import { simpleParser, type ParsedMail } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildMessage, MessageInputError, parseAddressList, type MessageInput } from "@/lib/mail/compose/build-message";
import { saveDraftVersion } from "@/lib/mail/compose/drafts";
import { findSpecialFolder } from "@/lib/mail/imap/special-folders";
import { sendDraft, SendError } from "@/lib/mail/smtp/send-message";
import { createRelayTransport, type RelayConfig } from "@/lib/mail/smtp/transport";
import { saveUpload } from "@/lib/uploads/upload-store";
import { freePort } from "../support/app-server";
import { appendMessage, connectImap, createMailbox, mailServer, type TestMailbox } from "../support/mail-server";

let uploads: string;
const ca = () => readFileSync(mailServer().caFile, "utf8");

function companyRelay(mailbox: TestMailbox, port = mailServer().smtpPort): RelayConfig {
  return { host: mailServer().smtpHost, port, security: "starttls", auth: { user: mailbox.email, pass: mailbox.password }, saveSentCopy: true, isCompanyRelay: true };
}

async function upload(name: string, type: string, bytes: Buffer) {
  const meta = await saveUpload(uploads, { filename: name, contentType: type, body: Readable.from([bytes]) }, 25 * 1024 * 1024);
  return { filename: meta.filename, contentType: meta.contentType, path: path.join(uploads, `${meta.id}.bin`) };
}

async function waitForMessage(mailbox: TestMailbox, subject: string, folder = "INBOX"): Promise<{ parsed: ParsedMail; flags: Set<string>; uid: number }> {
  const client = await connectImap(mailbox);
  try {
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const lock = await client.getMailboxLock(folder);
      try {
        const uids = (await client.search({ subject }, { uid: true })) || [];
        const uid = uids[uids.length - 1];
        if (uid) {
          const message = await client.fetchOne(String(uid), { source: true, flags: true }, { uid: true });
          if (message && message.source) return { parsed: await simpleParser(message.source), flags: message.flags ?? new Set(), uid };
        }
      } finally {
        lock.release();
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`no message "${subject}" in ${mailbox.email} ${folder}`);
  } finally {
    await client.logout();
  }
}

async function countWithMessageId(client: ImapFlow, folder: string, messageId: string): Promise<number> {
  const lock = await client.getMailboxLock(folder);
  try {
    return ((await client.search({ header: { "message-id": messageId } }, { uid: true })) || []).length;
  } finally {
    lock.release();
  }
}

function messageId() {
  return `<${randomBytes(8).toString("hex")}@mailroom.test>`;
}

beforeAll(() => {
  uploads = mkdtempSync(path.join(os.tmpdir(), "mailroom-uploads-"));
});
afterAll(() => rmSync(uploads, { recursive: true, force: true }));

describe("sending a draft through the local Postfix (STARTTLS + AUTH)", () => {
  it("delivers text and HTML parts, attachments byte for byte, threading headers; keeps a Sent copy, removes the draft, flags the original", async () => {
    const sender = createMailbox("sender");
    const recipient = createMailbox("rcpt");
    const hidden = createMailbox("bcc");
    await appendMessage(sender, { subject: "Original question", from: `Rita <${recipient.email}>` });
    const client = await connectImap(sender);
    try {
      const inbox = await client.getMailboxLock("INBOX");
      let originalUid: number;
      let originalId: string;
      try {
        const original = await client.fetchOne("*", { uid: true, envelope: true });
        if (!original) throw new Error("no original");
        originalUid = original.uid;
        originalId = original.envelope?.messageId ?? "";
      } finally {
        inbox.release();
      }
      const pdf = randomBytes(300_000);
      const png = randomBytes(5_000);
      const id = messageId();
      const subject = `Re: Original question ${randomBytes(3).toString("hex")}`;
      const input: MessageInput = {
        messageId: id,
        from: { name: "Sam Sender", address: sender.email },
        to: [{ name: "Rita Ü", address: recipient.email }],
        cc: [],
        bcc: [{ name: "", address: hidden.email }],
        subject,
        html: '<p>Hello <strong>Rita</strong>, the report is attached.</p><p><img src="cid:chart@mailroom"></p><blockquote><p>Old text</p></blockquote>',
        text: "",
        attachments: [await upload("report.pdf", "application/pdf", pdf), { ...(await upload("chart.png", "image/png", png)), cid: "chart@mailroom" }],
        inReplyTo: originalId,
        references: ["<older@example.org>", originalId],
        origin: { kind: "reply", folder: "INBOX", uid: originalUid },
      };
      // Two saves: only the newest version stays in Drafts.
      await saveDraftVersion(client, await buildMessage({ ...input, subject: `${subject} (v1)` }, { keepBcc: true, keepOrigin: true }), id);
      const saved = await saveDraftVersion(client, await buildMessage(input, { keepBcc: true, keepOrigin: true }), id);
      expect(saved.folder).toBe(await findSpecialFolder(client, "\\Drafts"));
      expect(await countWithMessageId(client, saved.folder, id)).toBe(1);

      const transport = await createRelayTransport(companyRelay(sender), { ca: ca() });
      const result = await sendDraft(client, { messageId: id, transport, relay: companyRelay(sender), allowedFrom: [sender.email], saveSentCopy: true });
      transport.close();
      expect(result.sentCopySaved).toBe(true);
      expect(result.recipients.map((r) => r.address).sort()).toEqual([recipient.email, hidden.email].sort());

      const received = (await waitForMessage(recipient, subject)).parsed;
      expect(received.messageId).toBe(id);
      expect(received.from?.value[0]).toEqual({ name: "Sam Sender", address: sender.email });
      expect(received.to && !Array.isArray(received.to) ? received.to.value[0]?.name : "").toBe("Rita Ü");
      expect(received.headers.has("bcc")).toBe(false);
      expect(received.headers.has("x-mailroom-origin")).toBe(false);
      expect(received.inReplyTo).toBe(originalId);
      expect(received.references).toEqual(["<older@example.org>", originalId]);
      expect(received.text).toContain("Hello Rita, the report is attached.");
      expect(received.text).toContain("> Old text");
      expect(received.html).toContain("<strong>Rita</strong>");
      const pdfPart = received.attachments.find((a) => a.filename === "report.pdf");
      expect(pdfPart?.content.equals(pdf)).toBe(true);
      const pngPart = received.attachments.find((a) => a.contentId === "<chart@mailroom>");
      expect(pngPart?.content.equals(png)).toBe(true);
      expect(pngPart?.contentDisposition).toBe("inline");
      // The Bcc recipient got it too, without a Bcc header.
      expect((await waitForMessage(hidden, subject)).parsed.headers.has("bcc")).toBe(false);

      const sent = await waitForMessage(sender, subject, await findSpecialFolder(client, "\\Sent"));
      expect(sent.parsed.messageId).toBe(id);
      expect(sent.flags.has("\\Seen")).toBe(true);
      expect(sent.parsed.attachments.find((a) => a.filename === "report.pdf")?.content.equals(pdf)).toBe(true);
      expect(await countWithMessageId(client, saved.folder, id)).toBe(0);

      const lock = await client.getMailboxLock("INBOX");
      try {
        const original = await client.fetchOne(String(originalUid), { flags: true }, { uid: true });
        expect(original && original.flags?.has("\\Answered")).toBe(true);
      } finally {
        lock.release();
      }
    } finally {
      await client.logout();
    }
  });

  it("forwards a message as an attachment (message/rfc822) and flags the original $Forwarded", async () => {
    const sender = createMailbox("fwd");
    const recipient = createMailbox("fwdto");
    await appendMessage(sender, { subject: "Forward me", text: "Original body text." });
    const client = await connectImap(sender);
    try {
      const lock = await client.getMailboxLock("INBOX");
      let raw: Buffer;
      let uid: number;
      try {
        const original = await client.fetchOne("*", { uid: true, source: true });
        if (!original || !original.source) throw new Error("no original");
        raw = original.source;
        uid = original.uid;
      } finally {
        lock.release();
      }
      const id = messageId();
      const subject = `Fwd: Forward me ${randomBytes(3).toString("hex")}`;
      const input: MessageInput = {
        messageId: id,
        from: { name: "", address: sender.email },
        to: [{ name: "", address: recipient.email }],
        cc: [],
        bcc: [],
        subject,
        html: null,
        text: "See the forwarded message.",
        attachments: [await upload("Forward me.eml", "message/rfc822", raw)],
        origin: { kind: "forward", folder: "INBOX", uid },
      };
      await saveDraftVersion(client, await buildMessage(input, { keepBcc: true, keepOrigin: true }), id);
      const transport = await createRelayTransport(companyRelay(sender), { ca: ca() });
      await sendDraft(client, { messageId: id, transport, relay: companyRelay(sender), allowedFrom: [sender.email], saveSentCopy: false });
      transport.close();

      const received = (await waitForMessage(recipient, subject)).parsed;
      expect(received.html).toBe(false);
      expect(received.text?.trim()).toBe("See the forwarded message.");
      const attached = received.attachments.find((a) => a.contentType === "message/rfc822");
      expect(attached).toBeDefined();
      expect((await simpleParser(attached!.content)).subject).toBe("Forward me");
      // saveSentCopy off: nothing in Sent.
      expect(await countWithMessageId(client, await findSpecialFolder(client, "\\Sent"), id)).toBe(0);
      const inbox = await client.getMailboxLock("INBOX");
      try {
        expect(((await client.fetchOne(String(uid), { flags: true }, { uid: true })) || undefined)?.flags?.has("$Forwarded")).toBe(true);
      } finally {
        inbox.release();
      }
    } finally {
      await client.logout();
    }
  });

  it("keeps the draft and says why when the relay is down", async () => {
    const sender = createMailbox("down");
    const client = await connectImap(sender);
    try {
      const id = messageId();
      await saveDraftVersion(
        client,
        await buildMessage(
          {
            messageId: id,
            from: { name: "", address: sender.email },
            to: [{ name: "", address: "someone@mailroom.test" }],
            cc: [],
            bcc: [],
            subject: "Stuck",
            html: null,
            text: "Hi",
            attachments: [],
          },
          { keepBcc: true, keepOrigin: true },
        ),
        id,
      );
      const closedPort = await freePort();
      const relay = companyRelay(sender, closedPort);
      const transport = await createRelayTransport(relay, { ca: ca(), timeoutMs: 3_000 });
      const failure = await sendDraft(client, { messageId: id, transport, relay, allowedFrom: [sender.email], saveSentCopy: true }).catch((error: unknown) => error);
      transport.close();
      expect(failure).toBeInstanceOf(SendError);
      expect((failure as SendError).kind).toBe("unreachable");
      expect((failure as SendError).words).toMatchObject({ key: "smtp.refused", values: { where: `${relay.host}:${closedPort}` } });
      expect(await countWithMessageId(client, await findSpecialFolder(client, "\\Drafts"), id)).toBe(1);
      expect(await countWithMessageId(client, await findSpecialFolder(client, "\\Sent"), id)).toBe(0);
    } finally {
      await client.logout();
    }
  });

  it("once the relay accepted the message, a Sent copy or draft deletion that fails is reported, never thrown", async () => {
    const sender = createMailbox("after-send");
    const client = await connectImap(sender);
    try {
      const id = messageId();
      const draft = {
        messageId: id,
        from: { name: "", address: sender.email },
        to: [{ name: "", address: "someone@mailroom.test" }],
        cc: [],
        bcc: [],
        subject: "Gone out",
        html: null,
        text: "Hi",
        attachments: [],
      };
      await saveDraftVersion(client, await buildMessage(draft, { keepBcc: true, keepOrigin: true }), id);
      const submitted: unknown[] = [];
      const transport = { sendMail: async (mail: unknown) => submitted.push(mail) };
      // The connection fails right after the relay took the message: appending to Sent and deleting the draft both throw.
      const failing = new Proxy(client, {
        get(target, property) {
          if (property === "append" || property === "messageDelete") return () => Promise.reject(new Error("connection lost"));
          const value = Reflect.get(target, property, target) as unknown;
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
      const sent = await sendDraft(failing, { messageId: id, transport, relay: companyRelay(sender), allowedFrom: [sender.email], saveSentCopy: true });
      expect(submitted).toHaveLength(1);
      expect(sent).toMatchObject({ messageId: id, sentCopySaved: false, draftDeleted: false });
    } finally {
      await client.logout();
    }
  });

  it("refuses a From that is not one of the user's identities, and leaves the draft", async () => {
    const sender = createMailbox("spoof");
    const client = await connectImap(sender);
    try {
      const id = messageId();
      const base = { messageId: id, to: [{ name: "", address: "x@mailroom.test" }], cc: [], bcc: [], subject: "Spoof", html: null, text: "Hi", attachments: [] };
      await saveDraftVersion(client, await buildMessage({ ...base, from: { name: "", address: "ceo@mailroom.test" } }, { keepBcc: true, keepOrigin: true }), id);
      const relay = companyRelay(sender);
      const transport = await createRelayTransport(relay, { ca: ca() });
      await expect(sendDraft(client, { messageId: id, transport, relay, allowedFrom: [sender.email], saveSentCopy: true })).rejects.toThrow(MessageInputError);
      transport.close();
      expect(await countWithMessageId(client, await findSpecialFolder(client, "\\Drafts"), id)).toBe(1);
    } finally {
      await client.logout();
    }
  });

  it("refuses header injection in the subject, names and addresses", async () => {
    const base: MessageInput = {
      messageId: messageId(),
      from: { name: "", address: "a@mailroom.test" },
      to: [{ name: "", address: "b@mailroom.test" }],
      cc: [],
      bcc: [],
      subject: "ok",
      html: null,
      text: "",
      attachments: [],
    };
    await expect(buildMessage({ ...base, subject: "Hi\r\nBcc: victim@example.org" }, { keepBcc: false, keepOrigin: false })).rejects.toMatchObject({
      field: "Subject",
      words: { key: "input.headerLineBreak" },
    });
    await expect(buildMessage({ ...base, from: { name: "Eve\nX-Evil: 1", address: "a@mailroom.test" } }, { keepBcc: false, keepOrigin: false })).rejects.toThrow(MessageInputError);
    expect(() => parseAddressList("To", "b@mailroom.test\r\nBcc: victim@example.org")).toThrow(MessageInputError);
    expect(() => parseAddressList("Cc", "not an address")).toThrow(MessageInputError);
  });
});
