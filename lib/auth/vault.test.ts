import { describe, expect, it } from "vitest";
import { deriveKey, newKey, open, seal, sessionRowId } from "./vault";

describe("credential vault", () => {
  it("round-trips a secret and never stores it in the clear", () => {
    const key = newKey();
    const sealed = seal("hunter2-päss", key, "session:1");
    expect(sealed).not.toContain("hunter2");
    expect(open(sealed, key, "session:1")).toBe("hunter2-päss");
  });

  it("uses a fresh IV each time", () => {
    const key = newKey();
    expect(seal("same", key)).not.toBe(seal("same", key));
  });

  it("refuses the wrong key, other associated data and tampering", () => {
    const key = newKey();
    const sealed = seal("secret", key, "a");
    expect(() => open(sealed, newKey(), "a")).toThrow();
    expect(() => open(sealed, key, "b")).toThrow();
    const body = Buffer.from(sealed.slice(3), "base64url");
    body[body.length - 1]! ^= 1;
    expect(() => open(`v1.${body.toString("base64url")}`, key, "a")).toThrow();
  });

  it("derives distinct keys per purpose", () => {
    expect(deriveKey("s".repeat(32), "smtp").equals(deriveKey("s".repeat(32), "other"))).toBe(false);
    expect(deriveKey("s".repeat(32), "smtp")).toHaveLength(32);
  });

  it("hashes session ids for the database", () => {
    expect(sessionRowId("abc")).toMatch(/^[0-9a-f]{64}$/);
  });
});
