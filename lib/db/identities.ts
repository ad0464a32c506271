import { and, asc, desc, eq, gt, isNotNull, isNull, lt, ne, sql } from "drizzle-orm";
import type { Database } from "./client";
import { identities, type Identity } from "./schema";

/**
 * The From addresses a user may send as: the sign-in address first (created on first use, and
 * the default until another is made default), then the others in the order they were added.
 */
export async function listIdentities(db: Database, userId: string, signInEmail: string): Promise<Identity[]> {
  const own = signInEmail.toLowerCase();
  let rows = await selectIdentities(db, userId, own);
  if (!rows.some((row) => row.email === own)) {
    await db
      .insert(identities)
      .values({ userId, email: own, isDefault: !rows.some((row) => row.isDefault) })
      .onConflictDoNothing({ target: [identities.userId, identities.email] });
    rows = await selectIdentities(db, userId, own);
  }
  return rows;
}

/**
 * The identities a user may send as right now: those confirmed (their mailed code was entered) and
 * those `needsNoConfirmation` accepts (the sign-in address, addresses an administrator vouches for).
 */
export async function sendableIdentities(db: Database, userId: string, signInEmail: string, needsNoConfirmation: (email: string) => boolean): Promise<Identity[]> {
  return (await listIdentities(db, userId, signInEmail)).filter((identity) => identity.confirmedAt !== null || needsNoConfirmation(identity.email));
}

function selectIdentities(db: Database, userId: string, signInEmail: string): Promise<Identity[]> {
  return db
    .select()
    .from(identities)
    .where(eq(identities.userId, userId))
    .orderBy(desc(sql`${identities.email} = ${signInEmail}`), asc(identities.createdAt), asc(identities.email));
}

export async function findIdentity(db: Database, userId: string, id: string): Promise<Identity | undefined> {
  const [row] = await db
    .select()
    .from(identities)
    .where(and(eq(identities.userId, userId), eq(identities.id, id)))
    .limit(1);
  return row;
}

export interface IdentityValues {
  email: string;
  displayName: string;
  /** Already sanitised. */
  signatureHtml: string;
  replyTo: string | null;
}

/** Adds an identity; returns undefined when the user already has one with this address. */
export async function insertIdentity(db: Database, userId: string, values: IdentityValues): Promise<Identity | undefined> {
  const [row] = await db
    .insert(identities)
    .values({ userId, ...values, email: values.email.toLowerCase() })
    .onConflictDoNothing({ target: [identities.userId, identities.email] })
    .returning();
  return row;
}

/** Changes an identity's name, signature and Reply-To (the address itself stays). Returns false when it is not the user's. */
export async function updateIdentity(db: Database, userId: string, id: string, values: Omit<IdentityValues, "email">): Promise<boolean> {
  const rows = await db
    .update(identities)
    .set(values)
    .where(and(eq(identities.userId, userId), eq(identities.id, id)))
    .returning({ id: identities.id });
  return rows.length > 0;
}

/**
 * Deletes an identity other than the sign-in address; when it was the default, the sign-in
 * address becomes the default again. Returns false when nothing was deleted.
 */
export async function deleteIdentity(db: Database, userId: string, id: string, signInEmail: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const deleted = await tx
      .delete(identities)
      .where(and(eq(identities.userId, userId), eq(identities.id, id), ne(identities.email, signInEmail.toLowerCase())))
      .returning({ isDefault: identities.isDefault });
    if (deleted[0]?.isDefault) {
      await tx
        .update(identities)
        .set({ isDefault: true })
        .where(and(eq(identities.userId, userId), eq(identities.email, signInEmail.toLowerCase())));
    }
    return deleted.length > 0;
  });
}

/** Makes one identity the default (the one compose starts with). Returns false when it is not the user's. */
export async function setDefaultIdentity(db: Database, userId: string, id: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const target = await tx
      .select({ id: identities.id })
      .from(identities)
      .where(and(eq(identities.userId, userId), eq(identities.id, id)));
    if (target.length === 0) return false;
    await tx
      .update(identities)
      .set({ isDefault: sql`${identities.id} = ${id}` })
      .where(eq(identities.userId, userId));
    return true;
  });
}

/** Records the code mailed to an unconfirmed identity (its hash), replacing any earlier one. False when there is no such unconfirmed identity. */
export async function setIdentityConfirmationCode(db: Database, userId: string, id: string, codeHash: string, expiresAt: Date): Promise<boolean> {
  const rows = await db
    .update(identities)
    .set({ confirmationCodeHash: codeHash, confirmationExpiresAt: expiresAt, confirmationFailures: 0 })
    .where(and(eq(identities.userId, userId), eq(identities.id, id), isNull(identities.confirmedAt)))
    .returning({ id: identities.id });
  return rows.length > 0;
}

export type ConfirmationResult = "confirmed" | "wrong" | "expired";

/**
 * Checks a typed code in one conditional UPDATE each way: the right, unexpired code (with fewer than
 * `maxFailures` wrong tries before it) confirms the identity; a wrong one is counted, and the
 * `maxFailures`-th wrong one voids the code. "expired" means there is no usable code: send a new one.
 */
export async function confirmIdentityCode(db: Database, userId: string, id: string, codeHash: string, maxFailures: number, now = new Date()): Promise<ConfirmationResult> {
  const outstanding = and(
    eq(identities.userId, userId),
    eq(identities.id, id),
    isNull(identities.confirmedAt),
    isNotNull(identities.confirmationCodeHash),
    gt(identities.confirmationExpiresAt, now),
    lt(identities.confirmationFailures, maxFailures),
  );
  const confirmed = await db
    .update(identities)
    .set({ confirmedAt: now, confirmationCodeHash: null, confirmationExpiresAt: null, confirmationFailures: 0 })
    .where(and(outstanding, eq(identities.confirmationCodeHash, codeHash)))
    .returning({ id: identities.id });
  if (confirmed.length > 0) return "confirmed";
  const counted = await db
    .update(identities)
    .set({ confirmationFailures: sql`${identities.confirmationFailures} + 1` })
    .where(outstanding)
    .returning({ failures: identities.confirmationFailures });
  const failures = counted[0]?.failures;
  return failures === undefined || failures >= maxFailures ? "expired" : "wrong";
}
