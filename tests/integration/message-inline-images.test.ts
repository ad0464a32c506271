import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImapFlow } from "imapflow";
import { fetchRenderedMessage } from "@/lib/mail/imap/load-message";
import { messageFrameCsp } from "@/lib/mail/message/body";
import { connectImap, createMailbox } from "../support/mail-server";
import { ENGLISH_LINK_WARNINGS } from "../support/link-warning-words";

// A 1x1 PNG and an SVG that would run script if it were ever shown as a document.
const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>').toString("base64");

describe("inline (cid:) images", () => {
  let client: ImapFlow;
  let uid: number;

  beforeAll(async () => {
    client = await connectImap(createMailbox("cid"));
    const raw = [
      "From: Designer <designer@example.org>",
      "To: reader@example.org",
      "Subject: Inline pictures",
      "MIME-Version: 1.0",
      'Content-Type: multipart/related; boundary="rel"',
      "",
      "--rel",
      "Content-Type: text/html; charset=utf-8",
      "",
      '<p>Logo:</p><img src="cid:logo@example.org" width="64" height="64"><img src="cid:vector@example.org" width="64" height="64">',
      "--rel",
      "Content-Type: image/png",
      "Content-ID: <logo@example.org>",
      "Content-Transfer-Encoding: base64",
      "",
      PNG,
      "--rel",
      "Content-Type: image/svg+xml",
      "Content-ID: <vector@example.org>",
      "Content-Transfer-Encoding: base64",
      "",
      SVG,
      "--rel--",
      "",
    ].join("\r\n");
    const result = await client.append("INBOX", raw);
    if (!result || !result.uid) throw new Error("APPEND returned no UID");
    uid = result.uid;
  });

  afterAll(async () => {
    await client?.logout().catch(() => undefined);
  });

  it("are embedded from the IMAP message as data: URLs for raster types only, and are not listed as attachments", async () => {
    const { rendered } = await fetchRenderedMessage(client, "INBOX", uid, { markRead: false, allowRemote: async () => false, linkWarnings: ENGLISH_LINK_WARNINGS });
    const document = rendered.frameDocument ?? "";
    expect(document).toContain(`src="data:image/png;base64,${PNG}"`);
    expect(document).not.toContain("svg+xml");
    expect(document).not.toContain("cid:");
    expect(rendered.view.attachments).toEqual([]);
    expect(messageFrameCsp(false)).toBe(
      "default-src 'none'; script-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src 'none'; form-action 'none'; frame-ancestors 'self'; sandbox allow-same-origin allow-popups allow-popups-to-escape-sandbox; base-uri 'none'",
    );
  });
});
