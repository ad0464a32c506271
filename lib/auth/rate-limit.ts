import type { Database } from "@/lib/db/client";
import { countAttempt, type RateLimitCount } from "@/lib/db/rate-limits";

export type RateLimitResult =
  { allowed: true; counted: RateLimitCount } | { allowed: false; counted: RateLimitCount; /** When the window ends and attempts are allowed again. */ retryAt: Date };

/**
 * Reserves one attempt of at most `limit` per window for `key` (e.g. "relay-test:<user id>"),
 * before the work it guards starts. Counted atomically in the database, so all instances and
 * parallel requests share one count. An attempt that should not count can be given back with
 * `uncountAttempt` (lib/db/rate-limits.ts).
 */
export async function rateLimit(db: Database, key: string, limit: number, windowMs: number, now: Date = new Date()): Promise<RateLimitResult> {
  const counted = await countAttempt(db, key, windowMs, now);
  return counted.count <= limit ? { allowed: true, counted } : { allowed: false, counted, retryAt: counted.resetsAt };
}

/** In how many minutes (at least 1) a limited action may be tried again, for a message's `{minutes, plural, …}`. */
export function retryMinutes(retryAt: Date, now: Date = new Date()): number {
  return Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 60_000));
}
