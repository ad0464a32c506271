import { describe, expect, it } from "vitest";
import { withoutBidiControls } from "./bidi-controls";

describe("withoutBidiControls", () => {
  it("removes every direction control and keeps the rest", () => {
    expect(withoutBidiControls("invoice\u202egpj.exe")).toBe("invoicegpj.exe");
    expect(withoutBidiControls("\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069\u200e\u200f\u061cAlice שלום")).toBe("Alice שלום");
  });
});
