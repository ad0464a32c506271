import { describe, expect, it } from "vitest";
import type { LoadedMessage } from "../imap/load-message";
import { renderMessage } from "./render-message";
import { ENGLISH_LINK_WARNINGS } from "@/tests/support/link-warning-words";

function loaded(body: { html?: string; text?: string }): LoadedMessage {
  return {
    folder: "INBOX",
    uidValidity: "1",
    uid: 7,
    subject: "Big",
    from: [{ name: "Sender", address: "sender@example.org" }],
    to: [],
    cc: [],
    replyTo: [],
    date: new Date(0).toISOString(),
    messageId: null,
    headers: [],
    wasUnread: true,
    unread: true,
    flagged: false,
    size: 0,
    html: body.html ?? null,
    text: body.text ?? null,
    unreadable: false,
    truncated: false,
    inlineImages: new Map(),
    attachments: [],
  };
}

/** The characters of text the page would carry. */
function shownChars(rendered: ReturnType<typeof renderMessage>): number {
  return rendered.view.body.kind === "text" ? JSON.stringify(rendered.view.body.blocks).length : 0;
}

describe("renderMessage", () => {
  it("shows at most 100,000 characters of the text of HTML too large to sanitise, and says so", () => {
    const rendered = renderMessage(loaded({ html: `<p>${"word ".repeat(400_000)}</p>` }), { allowRemote: false, linkWarnings: ENGLISH_LINK_WARNINGS, uidValidity: "1" });
    expect(rendered.frameDocument).toBeNull();
    const body = rendered.view.body;
    if (body.kind !== "text") throw new Error(`expected text, got ${body.kind}`);
    expect(body.blocks.filter((block) => block.kind === "notice").map((block) => block.kind === "notice" && block.reason)).toEqual(["too-large", "long-text"]);
    expect(shownChars(rendered)).toBeLessThan(110_000);
  });

  it("keeps up to 500,000 characters of a plain-text body", () => {
    const rendered = renderMessage(loaded({ text: "word ".repeat(80_000) }), { allowRemote: false, linkWarnings: ENGLISH_LINK_WARNINGS, uidValidity: "1" });
    expect(shownChars(rendered)).toBeGreaterThan(400_000);
  });
});
