import { describe, expect, it } from "vitest";
import { expandSequenceSet } from "./raw-command";
import { readEsearch } from "./sort";

describe("sort helpers", () => {
  it("reads COUNT and PARTIAL from an ESEARCH response", () => {
    const atom = (value: string) => ({ type: "ATOM", value });
    const attributes = [
      [atom("TAG"), { type: "STRING", value: "9" }],
      atom("UID"),
      atom("PARTIAL"),
      [
        { type: "SEQUENCE", value: "1:5" },
        { type: "SEQUENCE", value: "267,265:263,259" },
      ],
      atom("COUNT"),
      atom("84"),
    ];
    expect(readEsearch(attributes)).toEqual({ count: 84, partial: [267, 265, 264, 263, 259] });
    expect(readEsearch([atom("COUNT"), atom("0"), atom("PARTIAL"), [{ type: "SEQUENCE", value: "1:50" }, atom("NIL")]])).toEqual({ count: 0, partial: [] });
  });

  it("expands sequence sets in the order given", () => {
    expect(expandSequenceSet("5,9:7,1:2")).toEqual([5, 9, 8, 7, 1, 2]);
  });
});
