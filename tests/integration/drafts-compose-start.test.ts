import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import MailComposer from "nodemailer/lib/mail-composer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildMessage } from "@/lib/mail/compose/build-message";
import { startFromDraft, startFromOriginal, type StartContext } from "@/lib/mail/compose/compose-start";
import { fetchRenderedMessage } from "@/lib/mail/imap/load-message";
import { saveDraftVersion } from "@/lib/mail/compose/drafts";
import { saveUpload, uploadPath } from "@/lib/uploads/upload-store";
import { connectImap, createMailbox } from "../support/mail-server";
import { ENGLISH_LINK_WARNINGS } from "../support/link-warning-words";

let uploads: string;
beforeAll(() => {
  uploads = mkdtempSync(path.join(os.tmpdir(), "mailroom-start-"));
});
afterAll(() => rmSync(uploads, { recursive: true, force: true }));

const context = (): StartContext => ({
  storeAttachment: (file) => saveUpload(uploads, file, 25 * 1024 * 1024),
  ownAddresses: [],
  quoteWording: {
    attribution: (from) => `${from} wrote:`,
    date: (date) => date.toISOString(),
    forwardHeading: "-- Forwarded --",
    fields: { from: "From", date: "Date", subject: "Subject", to: "To", cc: "Cc" },
  },
});

describe("continuing a draft", () => {
  it("reopens the newest version with its recipients, HTML, inline image, attachments and origin", async () => {
    const me = createMailbox("draft");
    const client = await connectImap(me);
    try {
      const pdf = randomBytes(50_000);
      const png = randomBytes(2_000);
      const pdfMeta = await saveUpload(uploads, { filename: "plan.pdf", contentType: "application/pdf", body: Readable.from([pdf]) }, 1e8);
      const pngMeta = await saveUpload(uploads, { filename: "logo.png", contentType: "image/png", body: Readable.from([png]) }, 1e8);
      const messageId = `<${randomBytes(6).toString("hex")}@mailroom.test>`;
      const input = {
        messageId,
        from: { name: "", address: me.email },
        to: [{ name: "Ann", address: "ann@mailroom.test" }],
        cc: [{ name: "", address: "cc@mailroom.test" }],
        bcc: [{ name: "", address: "hidden@mailroom.test" }],
        subject: "Plan v1",
        html: `<p>Draft <em>text</em></p><p><img src="cid:${pngMeta.id}@mailroom"></p>`,
        text: "",
        attachments: [
          { filename: "plan.pdf", contentType: "application/pdf", path: uploadPath(uploads, pdfMeta.id) },
          { filename: "logo.png", contentType: "image/png", path: uploadPath(uploads, pngMeta.id), cid: `${pngMeta.id}@mailroom` },
        ],
        inReplyTo: "<parent@mailroom.test>",
        references: ["<parent@mailroom.test>"],
        origin: { kind: "reply" as const, folder: "INBOX", uid: 9 },
      };
      const first = await saveDraftVersion(client, await buildMessage(input, { keepBcc: true, keepOrigin: true }), messageId);
      const second = await saveDraftVersion(client, await buildMessage({ ...input, subject: "Plan v2" }, { keepBcc: true, keepOrigin: true }), messageId);
      expect(second.uid).toBeGreaterThan(first.uid);

      // Opened by the old UID plus the Message-ID, the newest version wins.
      const start = await startFromDraft(client, { uid: first.uid, messageId }, context());
      expect(start).toMatchObject({
        messageId,
        from: me.email,
        to: "Ann <ann@mailroom.test>",
        cc: "cc@mailroom.test",
        bcc: "hidden@mailroom.test",
        subject: "Plan v2",
        plainText: false,
        inReplyTo: "<parent@mailroom.test>",
        references: ["<parent@mailroom.test>"],
        origin: { kind: "reply", folder: "INBOX", uid: 9 },
      });
      expect(start.html).toContain("<em>text</em>");
      const inlineId = /\/api\/uploads\/([0-9a-f-]{36})/.exec(start.html)?.[1];
      expect(inlineId).toBeDefined();
      expect(readFileSync(uploadPath(uploads, inlineId!)).equals(png)).toBe(true);
      expect(start.attachments.map((a) => a.filename)).toEqual(["plan.pdf"]);
      expect(readFileSync(uploadPath(uploads, start.attachments[0]!.id)).equals(pdf)).toBe(true);

      // By UID alone (the /compose?draft=<uid> link from the Drafts folder).
      expect((await startFromDraft(client, { uid: second.uid }, context())).subject).toBe("Plan v2");
    } finally {
      await client.logout();
    }
  });
});

describe("starting a reply or forward", () => {
  it("reply all answers everyone but me; forward copies the attachments from IMAP", async () => {
    const me = createMailbox("start");
    const raw = await new Promise<Buffer>((resolve, reject) =>
      new MailComposer({
        from: "Boss <boss@mailroom.test>",
        to: [me.email, "peer@mailroom.test"],
        cc: ["other@mailroom.test", me.email],
        subject: "Re: AW: Offsite",
        messageId: "<offsite@mailroom.test>",
        references: ["<root@mailroom.test>"],
        html: "<p>Where <script>alert(1)</script>shall we go?</p>",
        attachments: [{ filename: "map.png", content: Buffer.from([1, 2, 3]), contentType: "image/png" }],
      })
        .compile()
        .build((error, message) => (error ? reject(error) : resolve(message))),
    );
    const client = await connectImap(me);
    try {
      const appended = await client.append("INBOX", raw, []);
      const uid = appended ? (appended.uid ?? 0) : 0;
      const own = { ...context(), ownAddresses: [me.email] };
      const replyAll = await startFromOriginal(client, "INBOX", uid, "replyAll", own);
      expect(replyAll.to).toBe("Boss <boss@mailroom.test>, peer@mailroom.test");
      expect(replyAll.cc).toBe("other@mailroom.test");
      expect(replyAll.subject).toBe("Re: Offsite");
      expect(replyAll.inReplyTo).toBe("<offsite@mailroom.test>");
      expect(replyAll.references).toEqual(["<root@mailroom.test>", "<offsite@mailroom.test>"]);
      expect(replyAll.text).toContain("> Where shall we go?");
      expect(replyAll.html).not.toContain("<script");
      expect(replyAll.attachments).toEqual([]);

      const reply = await startFromOriginal(client, "INBOX", uid, "reply", own);
      expect(reply.to).toBe("Boss <boss@mailroom.test>");
      expect(reply.cc).toBe("");

      const forward = await startFromOriginal(client, "INBOX", uid, "forward", own);
      expect(forward.subject).toBe("Fwd: Re: AW: Offsite");
      expect(forward.origin).toEqual({ kind: "forward", folder: "INBOX", uid });
      expect(forward.attachments.map((a) => a.filename)).toEqual(["map.png"]);
      expect([...readFileSync(uploadPath(uploads, forward.attachments[0]!.id))]).toEqual([1, 2, 3]);
    } finally {
      await client.logout();
    }
  });
});

describe("forwarding carries what the reader lists", () => {
  it("copies exactly the attachments the message view shows, however the parts are marked", async () => {
    const me = createMailbox("fwd-parts");
    const boundary = (name: string) => `----=_${name}_${randomBytes(4).toString("hex")}`;
    const [mixed, alternative, related] = [boundary("mixed"), boundary("alt"), boundary("rel")];
    const raw = [
      "From: Boss <boss@mailroom.test>",
      `To: ${me.email}`,
      "Subject: Parts of every kind",
      "Message-ID: <parts@mailroom.test>",
      "MIME-Version: 1.0",
      `Content-Type: multipart/mixed; boundary="${mixed}"`,
      "",
      `--${mixed}`,
      `Content-Type: multipart/alternative; boundary="${alternative}"`,
      "",
      `--${alternative}`,
      "Content-Type: text/plain; charset=utf-8",
      "",
      "The text.",
      `--${alternative}`,
      `Content-Type: multipart/related; boundary="${related}"`,
      "",
      `--${related}`,
      "Content-Type: text/html; charset=utf-8",
      "",
      '<p>The text.</p><img src="cid:logo@mailroom.test">',
      `--${related}`,
      "Content-Type: image/png",
      "Content-ID: <logo@mailroom.test>",
      "Content-Transfer-Encoding: base64",
      "",
      Buffer.from([1, 1, 1]).toString("base64"),
      `--${related}--`,
      `--${alternative}--`,
      `--${mixed}`,
      "Content-Type: text/plain; charset=utf-8",
      "Content-Disposition: inline",
      "",
      "A footer a mailing list added.",
      `--${mixed}`,
      'Content-Type: image/jpeg; name="photo.jpg"',
      'Content-Disposition: inline; filename="photo.jpg"',
      "Content-Transfer-Encoding: base64",
      "",
      Buffer.from([2, 2, 2]).toString("base64"),
      `--${mixed}`,
      "Content-Type: application/pdf",
      'Content-Disposition: attachment; filename="plan.pdf"',
      "Content-Transfer-Encoding: base64",
      "",
      Buffer.from([3, 3, 3]).toString("base64"),
      `--${mixed}`,
      "Content-Type: text/calendar; method=REQUEST",
      "",
      "BEGIN:VCALENDAR",
      "END:VCALENDAR",
      `--${mixed}`,
      "Content-Type: message/rfc822",
      "",
      "From: old@mailroom.test",
      "Subject: Older",
      "",
      "Older text.",
      `--${mixed}--`,
      "",
    ].join("\r\n");
    const client = await connectImap(me);
    try {
      const appended = await client.append("INBOX", Buffer.from(raw), []);
      const uid = appended ? (appended.uid ?? 0) : 0;
      const listed = (await fetchRenderedMessage(client, "INBOX", uid, { markRead: false, allowRemote: async () => false, linkWarnings: ENGLISH_LINK_WARNINGS })).rendered.view
        .attachments;
      const forward = await startFromOriginal(client, "INBOX", uid, "forward", context());

      const shape = (files: { filename: string; contentType: string }[]) => files.map(({ filename, contentType }) => ({ filename, contentType }));
      expect(shape(forward.attachments)).toEqual(shape(listed));
      expect(shape(listed)).toEqual([
        { filename: "photo.jpg", contentType: "image/jpeg" },
        { filename: "plan.pdf", contentType: "application/pdf" },
        { filename: "invite-3.ics", contentType: "text/calendar" },
        { filename: "message-4.eml", contentType: "message/rfc822" },
      ]);
      expect([...readFileSync(uploadPath(uploads, forward.attachments[0]!.id))]).toEqual([2, 2, 2]);
    } finally {
      await client.logout();
    }
  });
});
