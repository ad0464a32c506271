import { describe, expect, it } from "vitest";
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
  });
});

describe("externalRecipients", () => {
  it("flags addresses outside the company's domains, subdomains count as inside", () => {
    expect(externalRecipients(["a@corp.test", "b@eu.corp.test", "c@gmail.test", "d@notcorp.test"], ["corp.test"])).toEqual(["c@gmail.test", "d@notcorp.test"]);
  });
});

describe("sendWarnings", () => {
  it("is empty when nothing needs a second look", () => {
    expect(sendWarnings({ text: "Hello", attachmentCount: 0, recipients: ["a@corp.test"], companyDomains: ["corp.test"] })).toEqual([]);
    expect(sendWarnings({ text: "see attached", attachmentCount: 1, recipients: ["a@corp.test"], companyDomains: ["corp.test"] })).toEqual([]);
  });

  it("says plainly what is wrong", () => {
    expect(sendWarnings({ text: "see attached", attachmentCount: 0, recipients: ["x@other.test"], companyDomains: ["corp.test"] })).toEqual([
      "Your message mentions an attachment, but nothing is attached.",
      "This recipient is outside your company: x@other.test.",
    ]);
  });
});
