import { cache } from "react";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { decode } from "next-auth/jwt";
import { database } from "@/lib/db/database";
import { deleteSession, findSessionWithUser, touchSession } from "@/lib/db/sessions";
import { env } from "@/lib/env";
import type { MailboxCredentials } from "@/lib/mail/imap/connect";
import { imapPool } from "./imap-pool-instance";
import { isSessionExpired } from "./session-expiry";
import { open, sessionRowId } from "./vault";

export interface CurrentSession {
  /** The id from the cookie; keys this session's IMAP connection in the pool. */
  sessionId: string;
  /** The database id of this session (a hash of sessionId). */
  rowId: string;
  userId: string;
  email: string;
  /** Opens the sealed IMAP password with the key from the cookie. */
  imapCredentials(): MailboxCredentials;
}

const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"];
// lastSeenAt is written at most this often, so reads do not all turn into writes.
const TOUCH_INTERVAL_MS = 60_000;

/**
 * The signed-in session of this request, or null. Valid only while the cookie decrypts and the
 * server-side session row exists and is neither idle too long nor too old: a replayed cookie of a
 * session that was signed out finds no row.
 */
export const getCurrentSession = cache(async (): Promise<CurrentSession | null> => {
  const jar = await cookies();
  const cookie = SESSION_COOKIES.map((name) => ({ name, value: jar.get(name)?.value })).find((c) => c.value);
  if (!cookie?.value) return null;
  const token = await decode({ token: cookie.value, secret: env().authSecret, salt: cookie.name }).catch(() => null);
  if (!token?.sid || !token.key) return null;

  const db = await database();
  const rowId = sessionRowId(token.sid);
  const row = await findSessionWithUser(db, rowId);
  if (!row) return null;

  if (isSessionExpired(row, env().session)) {
    await deleteSession(db, rowId);
    await imapPool().release(token.sid);
    return null;
  }
  if (Date.now() - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) await touchSession(db, rowId);

  const key = Buffer.from(token.key, "base64url");
  const sealed = row.sealedImapPassword;
  return {
    sessionId: token.sid,
    rowId,
    userId: row.userId,
    email: row.email,
    imapCredentials: () => ({ user: row.email, password: open(sealed, key, rowId) }),
  };
});

/** For pages: the session, or a redirect to the sign-in page. */
export async function requireSession(): Promise<CurrentSession> {
  const session = await getCurrentSession();
  if (!session) redirect("/sign-in");
  return session;
}
