import { and, desc, eq, lt, notInArray } from "drizzle-orm";
import type { Database } from "./client";
import { sessions, users, type SessionRow } from "./schema";

export interface NewSession {
  id: string;
  userId: string;
  userAgent: string | null;
  clientAddress: string | null;
  sealedImapPassword: string;
}

export async function insertSession(db: Database, session: NewSession): Promise<void> {
  await db.insert(sessions).values(session);
}

export interface SessionWithUser extends SessionRow {
  email: string;
}

export async function findSessionWithUser(db: Database, id: string): Promise<SessionWithUser | undefined> {
  const [row] = await db.select({ session: sessions, email: users.email }).from(sessions).innerJoin(users, eq(users.id, sessions.userId)).where(eq(sessions.id, id)).limit(1);
  return row ? { ...row.session, email: row.email } : undefined;
}

export async function touchSession(db: Database, id: string, at: Date = new Date()): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, id));
}

export async function deleteSession(db: Database, id: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, id));
}

/** The signed-in browsers of one user, newest first. */
export async function listSessionsForUser(db: Database, userId: string) {
  return db
    .select({
      id: sessions.id,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      userAgent: sessions.userAgent,
      clientAddress: sessions.clientAddress,
    })
    .from(sessions)
    .where(eq(sessions.userId, userId))
    .orderBy(sessions.createdAt);
}

/** Whether the user had that session (only then is there anything to end). */
export async function deleteSessionForUser(db: Database, userId: string, id: string): Promise<boolean> {
  const deleted = await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), eq(sessions.id, id)))
    .returning({ id: sessions.id });
  return deleted.length > 0;
}

/** Removes sessions idle since before `idleBefore` or created before `createdBefore`. */
export async function deleteExpiredSessions(db: Database, idleBefore: Date, createdBefore: Date): Promise<void> {
  await db.delete(sessions).where(lt(sessions.lastSeenAt, idleBefore));
  await db.delete(sessions).where(lt(sessions.createdAt, createdBefore));
}

/** Ends a user's oldest sessions so that only the newest `keep` remain. */
export async function deleteOldestSessionsBeyond(db: Database, userId: string, keep: number): Promise<void> {
  const newest = db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, userId)).orderBy(desc(sessions.createdAt), desc(sessions.id)).limit(keep);
  await db.delete(sessions).where(and(eq(sessions.userId, userId), notInArray(sessions.id, newest)));
}
