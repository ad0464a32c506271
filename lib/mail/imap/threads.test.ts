import { describe, expect, it } from "vitest";
import { baseSubject, collectUids, groupByHeaders, toSequenceSet } from "./threads";

describe("groupByHeaders", () => {
  it("links replies by In-Reply-To / References and keeps unrelated same-subject mail apart", () => {
    const groups = groupByHeaders([
      { uid: 1, messageId: "<a@x>", inReplyTo: "", references: [], subject: "Plan" },
      { uid: 2, messageId: "<w1@x>", inReplyTo: "", references: [], subject: "Weekly" },
      { uid: 3, messageId: "<b@x>", inReplyTo: "<a@x>", references: ["<a@x>"], subject: "Re: Plan" },
      { uid: 4, messageId: "<w2@x>", inReplyTo: "", references: [], subject: "Weekly" },
      { uid: 5, messageId: "<c@x>", inReplyTo: "<missing@x>", references: ["<a@x>", "<missing@x>"], subject: "AW: Plan" },
    ]);
    expect(groups).toEqual([[5, 3, 1], [4], [2]]);
  });

  it("joins a reply without headers to the message with its base subject", () => {
    const groups = groupByHeaders([
      { uid: 7, messageId: "<o@x>", inReplyTo: "", references: [], subject: "Lunch" },
      { uid: 8, messageId: "<r@x>", inReplyTo: "", references: [], subject: "RE: Fwd: lunch" },
    ]);
    expect(groups).toEqual([[8, 7]]);
  });
});

describe("thread helpers", () => {
  it("reads every UID of a parsed THREAD entry", () => {
    const atom = (value: string) => ({ type: "ATOM", value });
    expect(collectUids([atom("3"), atom("6"), [atom("4"), atom("23")], [atom("44"), [atom("7")]]])).toEqual([3, 6, 4, 23, 44, 7]);
  });

  it("compacts UID sets and strips reply prefixes", () => {
    expect(toSequenceSet([9, 3, 4, 5, 7, 4])).toBe("3:5,7,9");
    expect(baseSubject("Re: AW: Fwd:  Budget  2026")).toBe("budget 2026");
  });
});
