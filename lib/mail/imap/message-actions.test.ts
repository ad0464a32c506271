import { describe, expect, it } from "vitest";
import { compactUidSet } from "./message-actions";

describe("compactUidSet", () => {
  it("writes runs as ranges, in order, without duplicates", () => {
    expect(compactUidSet([10, 1, 2, 3, 7, 9, 3])).toBe("1:3,7,9:10");
    expect(compactUidSet([5])).toBe("5");
    expect(compactUidSet(Array.from({ length: 500 }, (_, i) => 1000 + i))).toBe("1000:1499");
  });
});
