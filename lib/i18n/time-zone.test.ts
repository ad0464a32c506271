import { describe, expect, it } from "vitest";
import { knownTimeZone } from "./time-zone";

describe("knownTimeZone", () => {
  it("accepts zones Intl knows", () => {
    expect(knownTimeZone("Europe/Berlin")).toBe("Europe/Berlin");
    expect(knownTimeZone("UTC")).toBe("UTC");
  });
  it("refuses anything else", () => {
    expect(knownTimeZone(undefined)).toBeUndefined();
    expect(knownTimeZone("Mars/Olympus")).toBeUndefined();
    expect(knownTimeZone("x".repeat(65))).toBeUndefined();
  });
});
