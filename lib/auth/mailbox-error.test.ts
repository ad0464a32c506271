import { describe, expect, it } from "vitest";
import { catalogueTranslator } from "@/lib/i18n/catalogue-translator";
import { ImapConnectError } from "@/lib/mail/imap/connect";
import { ImapPoolExhaustedError } from "@/lib/mail/imap/pool";
import { describeMailboxError } from "./mailbox-error";

describe("describeMailboxError", () => {
  it("says in plain words what went wrong, never the server's text", async () => {
    const t = await catalogueTranslator("errors");
    const cases: [unknown, string][] = [
      [new ImapConnectError("timeout", "no greeting"), "The mail server didn't answer in time. Please try again in a moment."],
      [new ImapConnectError("auth", "AUTHENTICATIONFAILED"), "The mail server no longer accepts your password. Please sign out and sign in again."],
      [new ImapConnectError("tls", "self-signed"), "The mail server can't be reached right now. Please try again in a moment."],
      [new ImapPoolExhaustedError(), "Mailroom is very busy right now. Please try again in a moment."],
      [Object.assign(new Error("Mailbox doesn't exist: Old"), { serverResponseCode: "NONEXISTENT" }), "That folder doesn't exist any more. It may have been deleted or renamed."],
      [new Error("NO [SERVERBUG] Internal error occurred"), "The mail server couldn't complete this request. Please try again in a moment."],
    ];
    for (const [error, words] of cases) expect(describeMailboxError(error, t)).toBe(words);
    expect(cases).toHaveLength(6);
  });

  it("speaks the reader's language", async () => {
    expect(describeMailboxError(new ImapPoolExhaustedError(), await catalogueTranslator("errors", "de"))).toBe(
      "Mailroom ist gerade sehr ausgelastet. Bitte versuchen Sie es gleich noch einmal.",
    );
  });
});
