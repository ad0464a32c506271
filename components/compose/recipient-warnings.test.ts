import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { loadMessages } from "@/lib/i18n/messages";
import { externalRecipients, mentionsAttachment, sendWarnings } from "./recipient-warnings";

describe("mentionsAttachment", () => {
  it("finds attachment words in several languages", () => {
    expect(mentionsAttachment("Please see the attached report.")).toBe(true);
    expect(mentionsAttachment("I attach the slides")).toBe(true);
    expect(mentionsAttachment("Anbei die Rechnung.")).toBe(true);
    expect(mentionsAttachment("Voir la pièce jointe")).toBe(true);
    expect(mentionsAttachment("Te envío el archivo adjunto")).toBe(true);
    expect(mentionsAttachment("In allegato il documento")).toBe(true);
  });

  it("ignores words that only contain the stem, and quoted lines", () => {
    expect(mentionsAttachment("We are very attachable people")).toBe(false);
    expect(mentionsAttachment("Thanks!\n> see attached")).toBe(false);
    expect(mentionsAttachment("Thanks!\n---------- Forwarded message ----------\nattached")).toBe(false);
    expect(mentionsAttachment("Danke!\n---------- Weitergeleitete Nachricht ----------\nIm Anhang")).toBe(false);
  });
});

describe("externalRecipients", () => {
  it("flags addresses outside the company's domains, subdomains count as inside", () => {
    expect(externalRecipients(["a@corp.test", "b@eu.corp.test", "c@gmail.test", "d@notcorp.test"], ["corp.test"])).toEqual(["c@gmail.test", "d@notcorp.test"]);
  });
});

const t = createTranslator({ locale: "en", messages: await loadMessages("en"), namespace: "compose" });

describe("sendWarnings", () => {
  const base = { subject: "Plans", body: "Hello", attachmentCount: 0, recipients: ["a@corp.test"], companyDomains: ["corp.test"] };

  it("is null when nothing needs a second look", () => {
    expect(sendWarnings(t, base)).toBeNull();
    expect(sendWarnings(t, { ...base, body: "see attached", attachmentCount: 1 })).toBeNull();
    expect(sendWarnings(t, { ...base, body: "", attachmentCount: 1 })).toBeNull();
  });

  it("asks about a missing subject or an empty message by name", () => {
    expect(sendWarnings(t, { ...base, subject: "  " })).toEqual({ question: "Send without a subject?", reasons: ["The message has no subject."] });
    expect(sendWarnings(t, { ...base, body: " \n " })).toEqual({ question: "Send an empty message?", reasons: ["The message has no text and nothing attached."] });
  });

  it("says plainly what is wrong when there is more than one thing", () => {
    expect(sendWarnings(t, { ...base, body: "see attached", recipients: ["x@other.test"] })).toEqual({
      question: "Send this message?",
      reasons: ["Your message mentions an attachment, but nothing is attached.", "This recipient is outside your company: x@other.test."],
    });
    expect(sendWarnings(t, { ...base, subject: "", body: "" })?.question).toBe("Send this message?");
  });

  it("warns when the From address's last deliverability check was red, and still lets the writer send", () => {
    expect(sendWarnings(t, { ...base, senderDeliverability: "SPF: the relay isn't authorised." })).toEqual({
      question: "Send this message?",
      reasons: ["Mail from this address through your relay is likely to be rejected by receivers: SPF: the relay isn't authorised."],
    });
    expect(sendWarnings(t, { ...base, senderDeliverability: undefined })).toBeNull();
  });

  it("finds an attachment mentioned in the subject", () => {
    expect(sendWarnings(t, { ...base, subject: "Contract attached" })?.reasons).toEqual(["Your message mentions an attachment, but nothing is attached."]);
  });

  it("asks in the reader's language", async () => {
    const german = createTranslator({ locale: "de", messages: await loadMessages("de"), namespace: "compose" });
    expect(sendWarnings(german, { ...base, subject: "" })).toEqual({ question: "Ohne Betreff senden?", reasons: ["Die Nachricht hat keinen Betreff."] });
    expect(sendWarnings(german, { ...base, recipients: ["x@other.test", "y@other.test"] })?.reasons).toEqual([
      "Diese Empfänger gehören nicht zu Ihrem Unternehmen: x@other.test, y@other.test.",
    ]);
  });
});
