import { and, eq, gt, lte, sql } from "drizzle-orm";
import type { Database } from "./client";
import { rateLimits } from "./schema";

/** One counted attempt: its number within the window, and when the window ends. */
export interface RateLimitCount {
  key: string;
  count: number;
  resetsAt: Date;
}

/**
 * Counts one attempt for `key` and returns the count including it, in one statement: an upsert
 * whose conflict branch holds the row lock, so in PostgreSQL (several instances) as in PGlite,
 * N parallel calls see the counts 1..N exactly as N calls in a row would. A window starts with
 * the first attempt after the previous one ended and lasts `windowMs`.
 */
export async function countAttempt(db: Database, key: string, windowMs: number, now: Date): Promise<RateLimitCount> {
  const resetsAt = new Date(now.getTime() + windowMs);
  const expired = sql`${rateLimits.resetsAt} <= ${now.toISOString()}::timestamptz`;
  const [row] = await db
    .insert(rateLimits)
    .values({ key, count: 1, resetsAt })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${expired} then 1 else ${rateLimits.count} + 1 end`,
        resetsAt: sql`case when ${expired} then excluded.resets_at else ${rateLimits.resetsAt} end`,
      },
    })
    .returning({ count: rateLimits.count, resetsAt: rateLimits.resetsAt });
  if (!row) throw new Error("rate limit upsert returned no row");
  return { key, count: row.count, resetsAt: new Date(row.resetsAt) };
}

/** Takes back one attempt counted by countAttempt (one that turned out not to count), if its window is still the same. */
export async function uncountAttempt(db: Database, counted: RateLimitCount): Promise<void> {
  await db
    .update(rateLimits)
    .set({ count: sql`${rateLimits.count} - 1` })
    .where(and(eq(rateLimits.key, counted.key), eq(rateLimits.resetsAt, counted.resetsAt), gt(rateLimits.count, 0)));
}

/** Forgets every attempt counted for `key`. */
export async function clearAttempts(db: Database, key: string): Promise<void> {
  await db.delete(rateLimits).where(eq(rateLimits.key, key));
}

/** Removes counters whose window has ended. */
export async function pruneRateLimits(db: Database, now: Date): Promise<void> {
  await db.delete(rateLimits).where(lte(rateLimits.resetsAt, now));
}
