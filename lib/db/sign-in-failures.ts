import { and, count, eq, gte, lt, min } from "drizzle-orm";
import type { Database } from "./client";
import { signInFailures } from "./schema";

export async function recordSignInFailure(db: Database, email: string, clientAddress: string, at: Date = new Date()) {
  await db.insert(signInFailures).values({ email, clientAddress, failedAt: at });
}

export interface FailureTally {
  count: number;
  oldest: Date | null;
}

/** Failures since `since` for one address and for one client address. */
export async function tallySignInFailures(
  db: Database,
  email: string,
  clientAddress: string,
  since: Date,
): Promise<{ byAddress: FailureTally; byClient: FailureTally }> {
  const tally = async (condition: ReturnType<typeof eq>) => {
    const [row] = await db
      .select({ count: count(), oldest: min(signInFailures.failedAt) })
      .from(signInFailures)
      .where(and(condition, gte(signInFailures.failedAt, since)));
    return { count: Number(row?.count ?? 0), oldest: row?.oldest ? new Date(row.oldest) : null };
  };
  const [byAddress, byClient] = await Promise.all([
    tally(eq(signInFailures.email, email)),
    tally(eq(signInFailures.clientAddress, clientAddress)),
  ]);
  return { byAddress, byClient };
}

/** A good sign-in forgives the address's earlier failures (the client's count stays). */
export async function clearSignInFailuresForAddress(db: Database, email: string) {
  await db.delete(signInFailures).where(eq(signInFailures.email, email));
}

export async function pruneSignInFailures(db: Database, before: Date) {
  await db.delete(signInFailures).where(lt(signInFailures.failedAt, before));
}
