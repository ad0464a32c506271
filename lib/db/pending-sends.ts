import { and, asc, eq, inArray, lt, lte, or, sql } from "drizzle-orm";
import type { Database } from "./client";
import { pendingSends, userSettings, type PendingSend } from "./schema";

/**
 * Messages on their way (pending_sends). Every change of state is one conditional UPDATE, so
 * whichever instance or tab gets there first wins and the others see that they lost: a row is
 * claimed for sending at most once, and a row that was claimed can no longer be undone.
 * Times are the database's (now()), so instances with different clocks agree on what is due.
 */

export interface NewPendingSend {
  userId: string;
  messageId: string;
  subject: string;
  attachmentIds: string[];
  delaySeconds: number;
  sealedCredentials: string;
}

export interface ScheduledSend {
  id: string;
  dueAt: Date;
  /** Milliseconds until it is due, by the database's clock. */
  msLeft: number;
}

const msUntilDue = sql<number>`greatest(0, floor(extract(epoch from (${pendingSends.dueAt} - now())) * 1000))::float8`;

/**
 * Records a send due in `delaySeconds`. A message sent again after an undo or a failure reuses its
 * row; one that is already pending or being sent is left alone (undefined): the first Send counts.
 */
export async function schedulePendingSend(db: Database, send: NewPendingSend): Promise<ScheduledSend | undefined> {
  const due = sql`now() + make_interval(secs => ${send.delaySeconds})`;
  const [row] = await db
    .insert(pendingSends)
    .values({
      userId: send.userId,
      messageId: send.messageId,
      subject: send.subject,
      attachmentIds: send.attachmentIds,
      state: "pending",
      dueAt: due,
      sealedCredentials: send.sealedCredentials,
    })
    .onConflictDoUpdate({
      target: [pendingSends.userId, pendingSends.messageId],
      set: {
        subject: send.subject,
        attachmentIds: send.attachmentIds,
        state: "pending",
        dueAt: due,
        sealedCredentials: send.sealedCredentials,
        claimedBy: null,
        leaseUntil: null,
        error: null,
        warning: null,
        sentCopySaved: null,
        updatedAt: sql`now()`,
      },
      setWhere: inArray(pendingSends.state, ["sent", "failed", "cancelled"]),
    })
    .returning({ id: pendingSends.id, dueAt: pendingSends.dueAt, msLeft: msUntilDue });
  return row ? { ...row, msLeft: Number(row.msLeft) } : undefined;
}

/** Undo: cancels the send if nobody has claimed it yet. False when it is already being sent (or settled). */
export async function cancelPendingSend(db: Database, userId: string, messageId: string): Promise<boolean> {
  const rows = await db
    .update(pendingSends)
    .set({ state: "cancelled", sealedCredentials: null, updatedAt: sql`now()` })
    .where(and(eq(pendingSends.userId, userId), eq(pendingSends.messageId, messageId), eq(pendingSends.state, "pending")))
    .returning({ id: pendingSends.id });
  return rows.length > 0;
}

/**
 * Claims due sends for `instanceId`: pending → sending, with a lease. The state is checked again
 * by the UPDATE itself, so of two instances racing for a row exactly one gets it back.
 * `only` narrows it to one user's message (the composer asking for its own result).
 */
export async function claimDueSends(
  db: Database,
  instanceId: string,
  options: { leaseMs: number; limit: number; only?: { userId: string; messageId: string } },
): Promise<PendingSend[]> {
  const due = and(eq(pendingSends.state, "pending"), lte(pendingSends.dueAt, sql`now()`));
  const which = options.only ? and(due, eq(pendingSends.userId, options.only.userId), eq(pendingSends.messageId, options.only.messageId)) : due;
  const candidates = db.select({ id: pendingSends.id }).from(pendingSends).where(which).orderBy(asc(pendingSends.dueAt)).limit(options.limit).for("update", { skipLocked: true });
  return db
    .update(pendingSends)
    .set({ state: "sending", claimedBy: instanceId, leaseUntil: sql`now() + make_interval(secs => ${options.leaseMs / 1000})`, updatedAt: sql`now()` })
    .where(and(inArray(pendingSends.id, candidates), due))
    .returning();
}

export type SendOutcome = { state: "sent"; sentCopySaved: boolean; warning: string | null } | { state: "failed"; error: string };

/**
 * Settles a claimed send with what happened, and wipes its sealed login. It is written even when
 * the lease lapsed meanwhile (the row was marked failed): the true outcome wins over the guess.
 */
export async function settlePendingSend(db: Database, id: string, instanceId: string, outcome: SendOutcome): Promise<void> {
  await db
    .update(pendingSends)
    .set({
      state: outcome.state,
      error: outcome.state === "failed" ? outcome.error : null,
      warning: outcome.state === "sent" ? outcome.warning : null,
      sentCopySaved: outcome.state === "sent" ? outcome.sentCopySaved : null,
      sealedCredentials: null,
      leaseUntil: null,
      updatedAt: sql`now()`,
    })
    .where(and(eq(pendingSends.id, id), eq(pendingSends.claimedBy, instanceId), inArray(pendingSends.state, ["sending", "failed"])));
}

/**
 * Sends whose claim lapsed (the instance stopped mid-send) are settled as failed, not retried: the
 * relay may have accepted the message already, and sending it twice is worse than asking the user.
 * One update for every user's rows, each with `error` in that user's language setting (`byLanguage`,
 * keyed by the setting); a user who follows the browser gets `fallback`.
 */
export async function failLapsedSends(db: Database, error: { fallback: string; byLanguage: Record<string, string> }): Promise<number> {
  const language = sql`(select ${userSettings.language} from ${userSettings} where ${userSettings.userId} = ${pendingSends.userId})`;
  const choices = Object.entries(error.byLanguage).map(([setting, text]) => sql`when ${language} = ${setting} then ${text}`);
  const worded = choices.length === 0 ? sql`${error.fallback}` : sql`case ${sql.join(choices, sql` `)} else ${error.fallback} end`;
  const rows = await db
    .update(pendingSends)
    .set({ state: "failed", error: worded, sealedCredentials: null, updatedAt: sql`now()` })
    .where(and(eq(pendingSends.state, "sending"), lt(pendingSends.leaseUntil, sql`now()`)))
    .returning({ id: pendingSends.id });
  return rows.length;
}

/** Settled rows nobody needs any more: sent or cancelled ones after a while, failed ones the user never looked at after longer. */
export async function deleteOldPendingSends(db: Database, settledHours: number, failedDays: number): Promise<void> {
  await db
    .delete(pendingSends)
    .where(
      or(
        and(inArray(pendingSends.state, ["sent", "cancelled"]), lt(pendingSends.updatedAt, sql`now() - make_interval(hours => ${settledHours})`)),
        and(eq(pendingSends.state, "failed"), lt(pendingSends.updatedAt, sql`now() - make_interval(days => ${failedDays})`)),
      ),
    );
}

export interface SendStatus {
  state: PendingSend["state"];
  subject: string;
  messageId: string;
  msLeft: number;
  error: string | null;
  warning: string | null;
  sentCopySaved: boolean | null;
}

const statusColumns = {
  state: pendingSends.state,
  subject: pendingSends.subject,
  messageId: pendingSends.messageId,
  msLeft: msUntilDue,
  error: pendingSends.error,
  warning: pendingSends.warning,
  sentCopySaved: pendingSends.sentCopySaved,
};

/** Where one of the user's messages stands, or undefined when it was never sent from here. */
export async function findSendStatus(db: Database, userId: string, messageId: string): Promise<SendStatus | undefined> {
  const [row] = await db
    .select(statusColumns)
    .from(pendingSends)
    .where(and(eq(pendingSends.userId, userId), eq(pendingSends.messageId, messageId)))
    .limit(1);
  return row ? { ...row, msLeft: Number(row.msLeft) } : undefined;
}

/** The user's messages still waiting to go and those that failed, oldest first (for the notice beside the folders). */
export async function listOpenSends(db: Database, userId: string, limit = 20): Promise<SendStatus[]> {
  const rows = await db
    .select(statusColumns)
    .from(pendingSends)
    .where(and(eq(pendingSends.userId, userId), inArray(pendingSends.state, ["pending", "sending", "failed"])))
    .orderBy(asc(pendingSends.dueAt))
    .limit(limit);
  return rows.map((row) => ({ ...row, msLeft: Number(row.msLeft) }));
}

/** The user has seen that a send failed: forget it. */
export async function dismissFailedSend(db: Database, userId: string, messageId: string): Promise<boolean> {
  const rows = await db
    .delete(pendingSends)
    .where(and(eq(pendingSends.userId, userId), eq(pendingSends.messageId, messageId), eq(pendingSends.state, "failed")))
    .returning({ id: pendingSends.id });
  return rows.length > 0;
}
