import { describe, expect, it } from "vitest";
import { parseSortKey } from "./sort-key";

describe("sort key", () => {
  it("accepts only known sort keys", () => {
    expect(parseSortKey("size")).toBe("size");
    expect(parseSortKey("sender")).toBe("sender");
    expect(parseSortKey("evil")).toBe("date");
    expect(parseSortKey("toString")).toBe("date");
    expect(parseSortKey(undefined)).toBe("date");
  });
});
