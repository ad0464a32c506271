import iconv from "iconv-lite";
import type { ImapFlow } from "imapflow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchRenderedMessage } from "@/lib/mail/imap/load-message";
import { connectImap, createMailbox } from "../support/mail-server";
import { ENGLISH_LINK_WARNINGS } from "../support/link-warning-words";

// iconv-lite decodes ISO-2022-JP (through mailparser's Japanese decoder) but cannot encode it: bytes made with Python's codec.
const ISO_2022_JP: Record<string, string> = {
  会議の議事録: "GyRCMnE1RCRONUQ7dk8/GyhC",
  "明日の会議は十時からです。": "GyRCTEBGfCROMnE1RCRPPT07fiQrJGkkRyQ5ISMbKEI=",
};

function encode(text: string, charset: string): string {
  return charset === "iso-2022-jp" ? ISO_2022_JP[text]! : iconv.encode(text, charset).toString("base64");
}

/** A message whose subject (encoded word) and plain-text body are in `charset`. */
function legacyMessage(charset: string, subject: string, body: string): Buffer {
  const encodedSubject = `=?${charset}?B?${encode(subject, charset)}?=`;
  const head = [
    "From: Sender <sender@example.org>",
    "To: reader@example.org",
    `Subject: ${encodedSubject}`,
    "Date: Mon, 6 Jan 2025 10:00:00 +0000",
    "MIME-Version: 1.0",
    `Content-Type: text/plain; charset=${charset}`,
    "Content-Transfer-Encoding: base64",
    "",
    "",
  ].join("\r\n");
  return Buffer.concat([Buffer.from(head, "latin1"), Buffer.from(`${encode(body, charset)}\r\n`, "latin1")]);
}

const CASES = [
  { charset: "iso-2022-jp", subject: "会議の議事録", body: "明日の会議は十時からです。" },
  { charset: "koi8-r", subject: "Привет из Москвы", body: "Съешь же ещё этих мягких французских булок." },
  { charset: "big5", subject: "會議通知", body: "請準時出席明天的會議。" },
  { charset: "windows-1251", subject: "Отчёт за квартал", body: "Все цифры в приложении, ёлки-палки." },
  { charset: "iso-8859-2", subject: "Zażółć gęślą jaźń", body: "Příliš žluťoučký kůň úpěl ďábelské ódy." },
  { charset: "gbk", subject: "季度报告", body: "请查收附件中的数据。" },
  { charset: "utf-7", subject: "Grüße aus Köln", body: "Schöne Grüße, 日本." },
];

describe("charsets and encoded file names", () => {
  let client: ImapFlow;
  const uids = new Map<string, number>();

  beforeAll(async () => {
    client = await connectImap(createMailbox("charset"));
    for (const sample of CASES) {
      const result = await client.append("INBOX", legacyMessage(sample.charset, sample.subject, sample.body));
      if (!result || !result.uid) throw new Error("APPEND returned no UID");
      uids.set(sample.charset, result.uid);
    }
    const attachment = [
      "From: =?iso-8859-1?Q?Fran=E7ois?= <francois@example.org>",
      "To: reader@example.org",
      "Subject: =?utf-8?Q?Fichiers_joints_=E2=9C=93?=",
      "MIME-Version: 1.0",
      'Content-Type: multipart/mixed; boundary="b"',
      "",
      "--b",
      "Content-Type: text/plain; charset=utf-8",
      "",
      "Voir pièces jointes.",
      "--b",
      "Content-Type: application/pdf",
      "Content-Disposition: attachment; filename*=iso-8859-1''f%E9vrier.pdf",
      "Content-Transfer-Encoding: base64",
      "",
      "JVBERi0xLjQK",
      "--b",
      "Content-Type: text/plain",
      "Content-Disposition: attachment;",
      " filename*0*=UTF-8''%E6%97%A5%E6%9C%AC;",
      " filename*1*=%E8%AA%9E.txt",
      "",
      "hello",
      "--b--",
      "",
    ].join("\r\n");
    const result = await client.append("INBOX", attachment);
    if (!result || !result.uid) throw new Error("APPEND returned no UID");
    uids.set("attachment", result.uid);
    const flowed = [
      "From: sender@example.org",
      "To: reader@example.org",
      "Subject: Flowed",
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=utf-8; format=flowed; delsp=no",
      "",
      "This paragraph was wrapped by the sender's ",
      "mail program and flows back ",
      "into one line.",
      "> quoted and ",
      "> flowed too",
      "",
    ].join("\r\n");
    const flowedResult = await client.append("INBOX", flowed);
    if (!flowedResult || !flowedResult.uid) throw new Error("APPEND returned no UID");
    uids.set("flowed", flowedResult.uid);
  });

  afterAll(async () => {
    await client?.logout().catch(() => undefined);
  });

  /** The message as the reader's open shows it (one FETCH, parsed and rendered in one render-worker job). */
  async function openedView(uid: number) {
    const { rendered } = await fetchRenderedMessage(client, "INBOX", uid, { markRead: false, allowRemote: async () => false, linkWarnings: ENGLISH_LINK_WARNINGS });
    return rendered.view;
  }

  it.each(CASES)("decodes $charset subjects and bodies", async ({ charset, subject, body }) => {
    const view = await openedView(uids.get(charset)!);
    expect(view.subject).toBe(subject);
    expect(view.body.kind).toBe("text");
    expect(JSON.stringify(view.body)).toContain(body);
  });

  it("decodes encoded-word senders and RFC 2231 file names (charset and continuations)", async () => {
    const view = await openedView(uids.get("attachment")!);
    expect(view.subject).toBe("Fichiers joints ✓");
    expect(view.from).toEqual({ name: "François", address: "francois@example.org" });
    expect(view.attachments.map((attachment) => attachment.filename)).toEqual(["février.pdf", "日本語.txt"]);
    expect(view.attachments[0]).toMatchObject({ part: "2", contentType: "application/pdf" });
  });

  it("unwraps format=flowed text and keeps its quotes foldable", async () => {
    const view = await openedView(uids.get("flowed")!);
    expect(view.body).toEqual({
      kind: "text",
      blocks: [
        { kind: "text", segments: [{ kind: "text", text: "This paragraph was wrapped by the sender's mail program and flows back into one line." }] },
        { kind: "quote", lineCount: 1, blocks: [{ kind: "text", segments: [{ kind: "text", text: "quoted and flowed too" }] }] },
      ],
    });
  });
});
