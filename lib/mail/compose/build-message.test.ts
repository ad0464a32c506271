import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { simpleParser } from "mailparser";
import { afterAll, describe, expect, it } from "vitest";
import { buildMessage, decodeOrigin, encodeOrigin, MessageInputError, parseAddressList, plainTextFromHtml, type MessageInput } from "./build-message";
import { rewriteHeaders } from "../smtp/send-message";

const dir = mkdtempSync(path.join(os.tmpdir(), "build-message-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base: MessageInput = {
  messageId: "<abc@corp.test>",
  date: new Date("2026-01-02T03:04:05Z"),
  from: { name: "Ann", address: "ann@corp.test" },
  to: [{ name: "Bob", address: "bob@corp.test" }],
  cc: [],
  bcc: [{ name: "", address: "hidden@corp.test" }],
  subject: "Grüße",
  html: "<p>Hi <strong>Bob</strong></p><blockquote><p>old</p></blockquote>",
  text: "",
  attachments: [],
};

describe("buildMessage", () => {
  it("makes multipart/alternative with a text part made from the HTML", async () => {
    const parsed = await simpleParser(await buildMessage(base, { keepBcc: false, keepOrigin: false }));
    expect(parsed.subject).toBe("Grüße");
    expect(parsed.messageId).toBe("<abc@corp.test>");
    expect(parsed.text).toContain("Hi Bob");
    expect(parsed.text).toContain("> old");
    expect(parsed.html).toContain("<strong>Bob</strong>");
    expect(parsed.headers.get("content-type")).toMatchObject({ value: "multipart/alternative" });
    expect(parsed.headers.has("bcc")).toBe(false);
  });

  it.each([
    ["an empty HTML body", ""],
    ["an HTML body without text", "<p></p>"],
  ])("still sends %s as multipart/alternative with a text/plain part", async (_, html) => {
    const raw = (await buildMessage({ ...base, html }, { keepBcc: false, keepOrigin: false })).toString("latin1");
    const parsed = await simpleParser(raw);
    expect(parsed.headers.get("content-type")).toMatchObject({ value: "multipart/alternative" });
    expect(raw).toMatch(/Content-Type: text\/plain; charset=utf-8/);
    expect(raw).toMatch(/Content-Type: text\/html; charset=utf-8/);
    expect(parsed.text ?? "").toBe("");
  });

  it("sends an empty plain-text body as text/plain with its charset", async () => {
    const raw = (await buildMessage({ ...base, html: null, text: "" }, { keepBcc: false, keepOrigin: false })).toString("latin1");
    expect(raw).toMatch(/Content-Type: text\/plain; charset=utf-8/);
    expect((await simpleParser(raw)).text ?? "").toBe("");
  });

  it("keeps Bcc and the origin header for drafts only", async () => {
    const origin = { kind: "reply" as const, folder: "Projects/Ä: x", uid: 7 };
    const raw = await buildMessage({ ...base, origin }, { keepBcc: true, keepOrigin: true });
    const parsed = await simpleParser(raw);
    expect(parsed.bcc && !Array.isArray(parsed.bcc) ? parsed.bcc.value[0]?.address : "").toBe("hidden@corp.test");
    expect(decodeOrigin(parsed.headers.get("x-mailroom-origin") as string)).toEqual(origin);

    const outgoing = rewriteHeaders(raw, { dropBcc: true, date: new Date("2026-05-06T07:08:09Z") });
    const sent = await simpleParser(outgoing);
    expect(sent.headers.has("bcc")).toBe(false);
    expect(sent.headers.has("x-mailroom-origin")).toBe(false);
    expect(sent.date?.toISOString()).toBe("2026-05-06T07:08:09.000Z");
    expect(sent.html).toBe(parsed.html);
  });

  it("sends plain text only in plain-text mode, with attachments streamed from disk", async () => {
    const file = path.join(dir, "a.bin");
    writeFileSync(file, Buffer.from([0, 1, 2, 255]));
    const parsed = await simpleParser(
      await buildMessage(
        { ...base, html: null, text: "Just text", attachments: [{ filename: "a.bin", contentType: "application/octet-stream", path: file }] },
        { keepBcc: false, keepOrigin: false },
      ),
    );
    expect(parsed.html).toBe(false);
    expect(parsed.text?.trim()).toBe("Just text");
    expect([...(parsed.attachments[0]?.content ?? [])]).toEqual([0, 1, 2, 255]);
  });

  it("refuses line breaks and NUL in header fields", async () => {
    for (const input of [
      { ...base, subject: "a\nb" },
      { ...base, subject: "a\0b" },
      { ...base, to: [{ name: "x\r\nBcc: y@z.test", address: "bob@corp.test" }] },
      { ...base, inReplyTo: "<a@b>\r\nX: y" },
    ]) {
      await expect(buildMessage(input, { keepBcc: false, keepOrigin: false })).rejects.toBeInstanceOf(MessageInputError);
    }
  });
});

describe("parseAddressList", () => {
  it("reads names and addresses, and names the entry that is wrong", () => {
    expect(parseAddressList("To", 'Ann <ann@corp.test>, "Doe, Jo" <jo@corp.test>')).toEqual([
      { name: "Ann", address: "ann@corp.test" },
      { name: "Doe, Jo", address: "jo@corp.test" },
    ]);
    expect(() => parseAddressList("To", "ann@corp.test, bob")).toThrow(MessageInputError);
    const wrong = (() => {
      try {
        return parseAddressList("To", "ann@corp.test, bob");
      } catch (error) {
        return error;
      }
    })();
    expect(wrong).toMatchObject({ field: "To", words: { key: "input.invalidAddress", values: { field: "to", entry: "bob" } } });
  });
});

describe("origin header", () => {
  it("round-trips and refuses anything else", () => {
    expect(decodeOrigin(encodeOrigin({ kind: "forward", folder: "INBOX", uid: 3 }))).toEqual({ kind: "forward", folder: "INBOX", uid: 3 });
    expect(decodeOrigin("reply; uid=x; folder=AA")).toBeNull();
  });

  it("turns HTML into readable text", () => {
    expect(plainTextFromHtml('<p>See <a href="https://example.org">the site</a></p>')).toBe("See the site [https://example.org]");
  });
});
