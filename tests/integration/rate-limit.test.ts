import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rateLimit } from "@/lib/auth/rate-limit";
import type { DatabaseHandle } from "@/lib/db/client";
import { uncountAttempt } from "@/lib/db/rate-limits";
import { openTestDatabase } from "../support/test-database";

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(async () => {
  await handle?.close();
});

describe("rateLimit (the counter behind sign-in, Test connection and sending)", () => {
  it("allows exactly the limit of 50 parallel attempts", async () => {
    const key = `test:${randomUUID()}`;
    const results = await Promise.all(Array.from({ length: 50 }, () => rateLimit(handle.db, key, 10, 60_000)));
    expect(results.filter((result) => result.allowed)).toHaveLength(10);
    expect(results.map((result) => result.counted.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, n) => n + 1));
  });

  it("tells when a refused key opens again, and starts a new window once it ended", async () => {
    const key = `test:${randomUUID()}`;
    const start = new Date("2030-01-01T00:00:00Z");
    await rateLimit(handle.db, key, 1, 60_000, start);
    const refused = await rateLimit(handle.db, key, 1, 60_000, new Date(start.getTime() + 30_000));
    expect(refused).toMatchObject({ allowed: false, retryAt: new Date(start.getTime() + 60_000) });
    const later = await rateLimit(handle.db, key, 1, 60_000, new Date(start.getTime() + 60_000));
    expect(later.allowed).toBe(true);
    expect(later.counted.count).toBe(1);
  });

  it("gives a released attempt back", async () => {
    const key = `test:${randomUUID()}`;
    const first = await rateLimit(handle.db, key, 1, 60_000);
    await uncountAttempt(handle.db, first.counted);
    expect((await rateLimit(handle.db, key, 1, 60_000)).allowed).toBe(true);
    expect((await rateLimit(handle.db, key, 1, 60_000)).allowed).toBe(false);
  });
});
