import { randomBytes } from "node:crypto";
import type { Database } from "@/lib/db/client";
import { clearAttempts, countAttempt, pruneRateLimits, uncountAttempt, type RateLimitCount } from "@/lib/db/rate-limits";
import { deleteExpiredSessions, deleteOldestSessionsBeyond, insertSession } from "@/lib/db/sessions";
import { upsertUserOnSignIn } from "@/lib/db/users";
import { ImapConnectError, openImapConnection, type ImapServer } from "@/lib/mail/imap/connect";
import type { ImapPool } from "@/lib/mail/imap/pool";
import { newKey, seal, sessionRowId } from "./vault";

export type SignInRefusal = "invalid" | "domain" | "unreachable" | "timeout" | "locked";

/** A sign-in that did not succeed, with the reason the page shows. Carries no credential. */
export class SignInRefused extends Error {
  constructor(
    readonly reason: SignInRefusal,
    readonly retryAt?: Date,
  ) {
    super(`sign-in refused: ${reason}`);
    this.name = "SignInRefused";
  }
}

export interface SignInContext {
  db: Database;
  server: ImapServer;
  pool: ImapPool;
  allowedDomains: string[];
  limits: { maxFailuresPerAddress: number; maxFailuresPerClient: number; windowMinutes: number };
  /** Sessions idle or old beyond these are swept away on each good sign-in; beyond maxPerUser the oldest of the user's end. */
  sessionLimits?: { idleMinutes: number; lifetimeHours: number; maxPerUser: number };
  now?: () => Date;
  /** For tests: how the IMAP login is made. */
  connect?: typeof openImapConnection;
}

export interface SignInRequest {
  email: string;
  password: string;
  /** The client's IP address as lib/auth/client-address.ts resolved it; told to the IMAP server as x-originating-ip. */
  clientAddress: string;
  userAgent: string | null;
}

export interface SignedIn {
  userId: string;
  email: string;
  /** Goes only into the encrypted session cookie. */
  sessionId: string;
  /** The key that opens the sealed IMAP password; goes only into the encrypted session cookie. */
  sessionKey: string;
}

const EMAIL = /^[^\s@]+@([^\s@.]+\.)*[^\s@.]+$/;

export function normalizeAddress(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Signs a person in with their mailbox address and password by logging in to IMAP itself.
 *
 * The rate limit counts attempts per address and per client address in the database, so all
 * app instances share it. An attempt is counted BEFORE the IMAP login (one atomic upsert per
 * key), so parallel attempts are refused exactly as the same attempts one after another: at most
 * the limit reach the IMAP server in a window. An attempt that did not fail on the password is
 * given back: a good sign-in (which also forgives the address's earlier failures, while the
 * client's stay), an unreachable or silent server. What stays counted is failed (or still
 * running) sign-ins. On success the IMAP connection is kept for the session in the pool.
 */
export async function signInWithMailbox(ctx: SignInContext, request: SignInRequest): Promise<SignedIn> {
  const now = ctx.now ?? (() => new Date());
  const email = normalizeAddress(request.email);
  if (!EMAIL.test(email) || !request.password) throw new SignInRefused("invalid");
  const domain = email.slice(email.lastIndexOf("@") + 1);
  if (ctx.allowedDomains.length && !ctx.allowedDomains.includes(domain)) throw new SignInRefused("domain");

  const attempt = await reserveAttempt(ctx, email, request.clientAddress, now());

  let client;
  try {
    client = await (ctx.connect ?? openImapConnection)(ctx.server, { user: email, password: request.password }, { clientAddress: request.clientAddress });
  } catch (error) {
    const failure = error instanceof ImapConnectError ? error : new ImapConnectError("unreachable", "unknown");
    if (failure.kind === "auth") {
      // The failure stays counted; the one that reaches a limit says so at once.
      const lockedUntil = attempt.lockedAfterThis();
      if (lockedUntil) throw new SignInRefused("locked", lockedUntil);
      throw new SignInRefused("invalid");
    }
    await attempt.release();
    throw new SignInRefused(failure.kind === "timeout" ? "timeout" : "unreachable");
  }

  try {
    const user = await upsertUserOnSignIn(ctx.db, email, now());
    await clearAttempts(ctx.db, addressKey(email));
    await uncountAttempt(ctx.db, attempt.byClient);
    const sessionId = randomBytes(32).toString("base64url");
    const key = newKey();
    const rowId = sessionRowId(sessionId);
    await insertSession(ctx.db, {
      id: rowId,
      userId: user.id,
      userAgent: request.userAgent?.slice(0, 512) ?? null,
      clientAddress: request.clientAddress,
      sealedImapPassword: seal(request.password, key, rowId),
    });
    ctx.pool.adopt(sessionId, email, client);
    await sweepStaleRows(ctx, user.id, now());
    return { userId: user.id, email, sessionId, sessionKey: key.toString("base64url") };
  } catch (error) {
    client.close();
    throw error;
  }
}

const addressKey = (email: string) => `sign-in:address:${email}`;
const clientKey = (clientAddress: string) => `sign-in:client:${clientAddress}`;

interface ReservedAttempt {
  byAddress: RateLimitCount;
  byClient: RateLimitCount;
  /** When this attempt, once failed, has used up a limit: the time the lock ends; otherwise null. */
  lockedAfterThis(): Date | null;
  release(): Promise<void>;
}

/**
 * Counts this attempt for the address and for the client, or refuses it as locked when either
 * count is already used up. A refused attempt is given back at once, so that attempts refused for
 * one key (a client that is locked) never use up the other (the victim's address).
 */
async function reserveAttempt(ctx: SignInContext, email: string, clientAddress: string, now: Date): Promise<ReservedAttempt> {
  const windowMs = ctx.limits.windowMinutes * 60_000;
  const [byAddress, byClient] = await Promise.all([countAttempt(ctx.db, addressKey(email), windowMs, now), countAttempt(ctx.db, clientKey(clientAddress), windowMs, now)]);
  const release = async () => {
    await Promise.all([uncountAttempt(ctx.db, byAddress), uncountAttempt(ctx.db, byClient)]);
  };
  const over = (limit: number, counted: RateLimitCount, allowed: number) => (counted.count > limit - allowed ? [counted.resetsAt] : []);
  const lockedUntil = (allowed: number) => {
    const locks = [...over(ctx.limits.maxFailuresPerAddress, byAddress, allowed), ...over(ctx.limits.maxFailuresPerClient, byClient, allowed)];
    return locks.length ? new Date(Math.max(...locks.map((date) => date.getTime()))) : null;
  };
  const refusedUntil = lockedUntil(0);
  if (refusedUntil) {
    await release();
    throw new SignInRefused("locked", refusedUntil);
  }
  return { byAddress, byClient, lockedAfterThis: () => lockedUntil(1), release };
}

/** Housekeeping piggybacked on sign-in: no background job is needed to keep the tables small. */
async function sweepStaleRows(ctx: SignInContext, userId: string, now: Date) {
  await pruneRateLimits(ctx.db, now);
  if (ctx.sessionLimits) {
    const { idleMinutes, lifetimeHours, maxPerUser } = ctx.sessionLimits;
    await deleteExpiredSessions(ctx.db, new Date(now.getTime() - idleMinutes * 60_000), new Date(now.getTime() - lifetimeHours * 3_600_000));
    await deleteOldestSessionsBeyond(ctx.db, userId, maxPerUser);
  }
}
