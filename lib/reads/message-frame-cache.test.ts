import { describe, expect, it } from "vitest";
import { MessageFrameCache, type FrameKey } from "./message-frame-cache";

const key = (uid: number, overrides: Partial<FrameKey> = {}): FrameKey => ({ sessionId: "s1", folder: "INBOX", uidValidity: "7", uid, allowRemote: false, ...overrides });

describe("message frame cache", () => {
  it("serves a document only to the same session, folder version, message and remote-content choice", () => {
    const cache = new MessageFrameCache({ maxEntries: 10, maxBytes: 1_000_000, ttlMs: 1_000 });
    cache.set(key(1), "doc");
    expect(cache.get(key(1))).toBe("doc");
    expect(cache.get(key(1, { sessionId: "s2" }))).toBeUndefined();
    expect(cache.get(key(1, { uidValidity: "8" }))).toBeUndefined();
    expect(cache.get(key(1, { folder: "Sent" }))).toBeUndefined();
    expect(cache.get(key(1, { allowRemote: true }))).toBeUndefined();
    expect(cache.get(key(2))).toBeUndefined();
  });

  it("forgets documents after their time", () => {
    let now = 0;
    const cache = new MessageFrameCache({ maxEntries: 10, maxBytes: 1_000_000, ttlMs: 1_000, now: () => now });
    cache.set(key(1), "doc");
    now = 999;
    expect(cache.get(key(1))).toBe("doc");
    now = 1_000;
    expect(cache.get(key(1))).toBeUndefined();
    expect(cache.stats()).toEqual({ entries: 0, bytes: 0 });
  });

  it("drops the least recently used beyond its entry and byte bounds, and never keeps an oversized document", () => {
    const cache = new MessageFrameCache({ maxEntries: 2, maxBytes: 800, ttlMs: 1_000 });
    cache.set(key(1), "a");
    cache.set(key(2), "b");
    cache.get(key(1));
    cache.set(key(3), "c");
    expect(cache.get(key(2))).toBeUndefined();
    expect(cache.get(key(1))).toBe("a");
    expect(cache.get(key(3))).toBe("c");

    cache.set(key(4), "x".repeat(51));
    expect(cache.get(key(4))).toBeUndefined();
    cache.set(key(5), "y".repeat(50));
    cache.set(key(6), "z".repeat(50));
    expect(cache.stats().entries).toBe(2);
    expect(cache.stats().bytes).toBeLessThanOrEqual(800);
  });
});
