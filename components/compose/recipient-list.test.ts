import { describe, expect, it } from "vitest";
import { commitTyping, joinRecipients, recipientAddresses, splitRecipients, tidyRecipients } from "./recipient-list";

describe("splitRecipients", () => {
  it("splits complete entries from what is still being typed", () => {
    expect(splitRecipients("Ann <ann@corp.test>, bob@corp.test, ca")).toEqual({ entries: ["Ann <ann@corp.test>", "bob@corp.test"], typing: "ca" });
    expect(splitRecipients("ann@corp.test, ")).toEqual({ entries: ["ann@corp.test"], typing: "" });
    expect(splitRecipients("")).toEqual({ entries: [], typing: "" });
  });

  it("keeps commas inside quoted names and angle brackets", () => {
    expect(splitRecipients('"Doe, Jane" <jane@corp.test>; "A \\"B, C\\"" <a@corp.test>,')).toEqual({
      entries: ['"Doe, Jane" <jane@corp.test>', '"A \\"B, C\\"" <a@corp.test>'],
      typing: "",
    });
  });
});

describe("commitTyping and tidyRecipients", () => {
  it("turns what was typed into an entry", () => {
    expect(commitTyping("ann@corp.test, bo@corp.test")).toBe("ann@corp.test, bo@corp.test, ");
    expect(commitTyping("ann@corp.test, ")).toBe("ann@corp.test, ");
    expect(joinRecipients({ entries: ["a@corp.test"], typing: "b" })).toBe("a@corp.test, b");
  });

  it("leaves no separator dangling for the header", () => {
    expect(tidyRecipients("ann@corp.test, bob@corp.test, ")).toBe("ann@corp.test, bob@corp.test");
    expect(tidyRecipients(" , ")).toBe("");
  });
});

describe("recipientAddresses", () => {
  it("finds the bare addresses", () => {
    expect(recipientAddresses('"Doe, Jane" <jane@corp.test>, bob@corp.test, not an address')).toEqual(["jane@corp.test", "bob@corp.test"]);
  });
});
