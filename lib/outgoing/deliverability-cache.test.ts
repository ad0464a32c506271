import { describe, expect, it } from "vitest";
import { BoundedTtlCache } from "./deliverability-cache";

describe("BoundedTtlCache", () => {
  it("forgets an entry once its time to live has passed", () => {
    const cache = new BoundedTtlCache<string>(10, 1000);
    cache.set("a", "green", 0);
    expect(cache.get("a", 999)?.value).toBe("green");
    expect(cache.get("a", 1000)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it("keeps at most maxEntries, dropping the oldest stored", () => {
    const cache = new BoundedTtlCache<number>(3, 60_000);
    for (let index = 0; index < 5; index += 1) cache.set(`k${index}`, index, index);
    expect(cache.size).toBe(3);
    expect(cache.get("k0", 10)).toBeUndefined();
    expect(cache.get("k1", 10)).toBeUndefined();
    expect([2, 3, 4].map((index) => cache.get(`k${index}`, 10)?.value)).toEqual([2, 3, 4]);
    // Storing again makes an entry the newest.
    cache.set("k2", 20, 11);
    cache.set("k5", 5, 12);
    expect(cache.get("k2", 13)?.value).toBe(20);
    expect(cache.get("k3", 13)).toBeUndefined();
  });
});
