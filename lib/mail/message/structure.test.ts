import { describe, expect, it } from "vitest";
import { listAttachments } from "./parts";
import { messageStructure } from "./structure";

const message = (lines: string[]) => Buffer.from(lines.join("\r\n"), "utf8");
const listed = (lines: string[]) => listAttachments(messageStructure(message(lines))).map(({ part, filename, contentType }) => [part, filename, contentType]);

describe("messageStructure", () => {
  it("numbers parts as IMAP does, nested multiparts included, and measures their bodies", () => {
    const structure = messageStructure(
      message([
        'Content-Type: multipart/mixed; boundary="outer"',
        "",
        "preamble",
        "--outer",
        'Content-Type: multipart/alternative; boundary="inner"',
        "",
        "--inner",
        "Content-Type: text/plain",
        "",
        "plain",
        "--inner",
        "Content-Type: text/html",
        "",
        "<p>html</p>",
        "--inner--",
        "--outer",
        "Content-Type: application/pdf; name=report.pdf",
        "Content-Transfer-Encoding: base64",
        "",
        "AAAA",
        "--outer--",
        "",
      ]),
    );
    expect(structure.part).toBeUndefined();
    expect(structure.childNodes?.map((node) => [node.part, node.type])).toEqual([
      ["1", "multipart/alternative"],
      ["2", "application/pdf"],
    ]);
    expect(structure.childNodes?.[0]?.childNodes?.map((node) => [node.part, node.type, node.size])).toEqual([
      ["1.1", "text/plain", 5],
      ["1.2", "text/html", 11],
    ]);
    expect(structure.childNodes?.[1]).toMatchObject({ encoding: "base64", size: 4, parameters: { name: "report.pdf" } });
  });

  it("matches boundaries as Dovecot does: the longest, the innermost of equals, empty parts counted", () => {
    expect(
      listed([
        'Content-Type: multipart/mixed; boundary="b"',
        "",
        "--b",
        'Content-Type: multipart/mixed; boundary="b-1"',
        "",
        "--b-1",
        "Content-Type: image/png; name=a.png",
        "",
        "x",
        "--b-1--",
        "--b",
        "--b",
        "Content-Type: image/png; name=b.png",
        "",
        "y",
        "--b--",
      ]),
    ).toEqual([
      ["1.1", "a.png", "image/png"],
      ["3", "b.png", "image/png"],
    ]);
    expect(
      listed([
        'Content-Type: multipart/mixed; boundary="same"',
        "",
        "--same",
        'Content-Type: multipart/alternative; boundary="same"',
        "",
        "--same",
        "Content-Type: text/plain",
        "",
        "inner",
        "--same--",
        "--same",
        "Content-Type: image/gif; name=late.gif",
        "",
        "z",
        "--same--",
      ]),
    ).toEqual([["2", "late.gif", "image/gif"]]);
  });

  it("decodes file names (RFC 2231 and encoded words) and keeps attached messages whole", () => {
    expect(
      listed([
        'Content-Type: multipart/mixed; boundary="m"',
        "",
        "--m",
        "Content-Type: application/octet-stream",
        "Content-Disposition: attachment; filename*0*=utf-8''%C3%BCber; filename*1=.txt",
        "",
        "1",
        "--m",
        'Content-Type: application/octet-stream; name="=?utf-8?B?w6Rwc2Vs?=.bin"',
        "",
        "2",
        "--m",
        "Content-Type: message/rfc822",
        "",
        'Content-Type: multipart/mixed; boundary="n"',
        "",
        "--n",
        "Content-Type: image/png; name=inside.png",
        "",
        "3",
        "--n--",
        "--m--",
      ]),
    ).toEqual([
      ["1", "über.txt", "application/octet-stream"],
      ["2", "äpsel.bin", "application/octet-stream"],
      ["3", "message-3.eml", "message/rfc822"],
    ]);
  });

  it("reads a message that is not multipart, or whose Content-Type is unreadable, as one part", () => {
    expect(messageStructure(message(["Subject: plain", "", "text"]))).toMatchObject({ type: "text/plain", size: 4 });
    expect(listed(["Content-Type: text", "", "no subtype"])).toEqual([["1", "attachment-1", "/"]]);
  });

  it("stops at a bounded number of parts", () => {
    const parts = Array.from({ length: 25_000 }, (_, index) => `--p\r\nContent-Type: image/png; name=${index}.png\r\n\r\nx`).join("\r\n");
    expect(listAttachments(messageStructure(Buffer.from(`Content-Type: multipart/mixed; boundary=p\r\n\r\n${parts}\r\n--p--\r\n`))).length).toBe(20_000);
  });
});
