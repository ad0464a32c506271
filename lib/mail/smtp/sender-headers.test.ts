import { describe, expect, it } from "vitest";
import { catalogueTranslator } from "@/lib/i18n/catalogue-translator";
import { MessageInputError } from "../compose/build-message";
import { checkSenderHeaders, headerFields } from "./sender-headers";

const policy = { allowedFrom: ["ada@mailroom.test", "sales@mailroom.test"], allowedReplyTo: ["help@mailroom.test"] };

function draft(headers: string[]): Buffer {
  return Buffer.from(`${headers.join("\r\n")}\r\nSubject: hi\r\n\r\nFrom: body text is not a header\r\n`);
}

// The refusal's words as the sender reads them (here in English).
const t = await catalogueTranslator("sending");

function refusal(headers: string[]): string {
  try {
    checkSenderHeaders(draft(headers), policy);
  } catch (error) {
    if (error instanceof MessageInputError) return t(error.words.key, error.words.values);
    throw error;
  }
  throw new Error("accepted");
}

describe("checkSenderHeaders (who a stored draft says it is from)", () => {
  it("accepts exactly one From that is one of the user's addresses, and returns it", () => {
    expect(checkSenderHeaders(draft(["From: Ada <Ada@Mailroom.test>"]), policy)).toBe("ada@mailroom.test");
    expect(checkSenderHeaders(draft(["From: =?utf-8?q?Sales_=C3=BC?=\r\n <sales@mailroom.test>", "Reply-To: help@mailroom.test"]), policy)).toBe("sales@mailroom.test");
  });

  it("refuses each way a draft could speak for someone else", () => {
    const cases: [string[], RegExp][] = [
      [["From: boss@mailroom.test"], /own confirmed addresses/],
      [["From: ada@mailroom.test, boss@mailroom.test"], /more than one/],
      [["From: ada@mailroom.test", "From: boss@mailroom.test"], /more than one/],
      [["From: undisclosed:;"], /no sender/],
      [["From: ada@mailroom.test", "Sender: boss@mailroom.test"], /Sender header/],
      [["From: ada@mailroom.test", "Resent-From: boss@mailroom.test"], /Resent header/],
      [["From: ada@mailroom.test", "Reply-To: thief@example.org"], /replies to thief@example\.org/],
    ];
    let refused = 0;
    for (const [headers, reason] of cases) {
      expect(refusal(headers)).toMatch(reason);
      refused++;
    }
    expect(refused).toBe(cases.length);
  });

  it("reads only the header block, with folded lines joined", () => {
    expect(headerFields(Buffer.from("From: a@b.c\r\nTo: x@y.z,\r\n w@y.z\r\n\r\nSender: not@a.header\r\n"))).toEqual([
      { name: "from", value: "a@b.c" },
      { name: "to", value: "x@y.z, w@y.z" },
    ]);
  });
});
