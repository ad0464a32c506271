import { describe, expect, it } from "vitest";
import { summaryHeaders } from "./summary-headers";

const text = (lines: string[]) => Buffer.from(`${lines.join("\r\n")}\r\n\r\n`);

describe("summaryHeaders (a row's fields from header text, bounded)", () => {
  it("reads sender, subject, date, Message-IDs and References, decoding encoded words in any charset", () => {
    const headers = summaryHeaders(
      text([
        'From: "=?ISO-2022-JP?B?GyRCRnxLXDhsGyhC?=" <sender@example.org>, other@example.org',
        "Subject: =?utf-8?Q?Caf=C3=A9?=",
        " =?utf-8?Q?_au_lait?=",
        "Date: Tue, 01 Dec 2026 09:00:00 +0100 (CET)",
        "Message-ID: <one@example.org>",
        "In-Reply-To: <zero@example.org>",
        "References: <root@example.org>",
        " <zero@example.org>",
      ]),
    );
    expect(headers).toEqual({
      from: { name: "日本語", address: "sender@example.org" },
      subject: "Café au lait",
      date: new Date("2026-12-01T08:00:00Z"),
      messageId: "<one@example.org>",
      inReplyTo: "<zero@example.org>",
      references: "<root@example.org> <zero@example.org>",
      hasAttachments: false,
    });
  });

  it("cuts a field of a megabyte to its beginning and still reads the fields after it", () => {
    const from = `From: ${Array.from({ length: 60_000 }, (_, index) => `r${index}@x.example`).join(",\r\n ")}`;
    const headers = summaryHeaders(text([from, `Subject: ${"s".repeat(1024 * 1024)}`, "Message-ID: <after@example.org>"]));
    expect(headers.from).toEqual({ name: "", address: "r0@x.example" });
    expect(headers.subject).toBe("s".repeat(2_000));
  });

  it("keeps the end of a long References field (the nearest ancestors)", () => {
    const ids = Array.from({ length: 5_000 }, (_, index) => `<id-${index}@example.org>`);
    const headers = summaryHeaders(text([`References: ${ids.join("\r\n ")}`]));
    expect(headers.references.endsWith("<id-4999@example.org>")).toBe(true);
    expect(headers.references.length).toBeLessThanOrEqual(64 * 1024);
  });

  it("marks attachments by the top-level Content-Type, as Roundcube's list does", () => {
    const kind = (contentType: string) => summaryHeaders(text([`Content-Type: ${contentType}`])).hasAttachments;
    expect(kind('multipart/mixed; boundary="b"')).toBe(true);
    expect(kind("application/pdf; name=a.pdf")).toBe(true);
    expect(kind('multipart/alternative; boundary="b"')).toBe(false);
    expect(kind("text/plain; charset=utf-8")).toBe(false);
  });

  it("gives empty fields for missing or unreadable ones", () => {
    expect(summaryHeaders(undefined)).toEqual({ from: null, subject: "", date: null, messageId: "", inReplyTo: "", references: "", hasAttachments: false });
    expect(summaryHeaders(text(["Date: not a date", "From: "])).date).toBeNull();
  });
});
