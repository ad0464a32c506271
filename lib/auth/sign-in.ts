import { randomBytes } from "node:crypto";
import type { Database } from "@/lib/db/client";
import { deleteExpiredSessions, insertSession } from "@/lib/db/sessions";
import { clearSignInFailuresForAddress, pruneSignInFailures, recordSignInFailure, tallySignInFailures } from "@/lib/db/sign-in-failures";
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
  /** Sessions idle or old beyond these are swept away on each good sign-in. */
  sessionLimits?: { idleMinutes: number; lifetimeHours: number };
  now?: () => Date;
}

export interface SignInRequest {
  email: string;
  password: string;
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
 * The rate limit (per address and per client address) is counted in the database so that all
 * app instances share it. On success the IMAP connection is kept for the session in the pool.
 */
export async function signInWithMailbox(ctx: SignInContext, request: SignInRequest): Promise<SignedIn> {
  const now = ctx.now ?? (() => new Date());
  const email = normalizeAddress(request.email);
  if (!EMAIL.test(email) || !request.password) throw new SignInRefused("invalid");
  const domain = email.slice(email.lastIndexOf("@") + 1);
  if (ctx.allowedDomains.length && !ctx.allowedDomains.includes(domain)) throw new SignInRefused("domain");

  await refuseIfLocked(ctx, email, request.clientAddress, now());

  let client;
  try {
    client = await openImapConnection(ctx.server, { user: email, password: request.password }, { clientAddress: request.clientAddress });
  } catch (error) {
    const failure = error instanceof ImapConnectError ? error : new ImapConnectError("unreachable", "unknown");
    if (failure.kind === "auth") {
      await recordSignInFailure(ctx.db, email, request.clientAddress, now());
      await refuseIfLocked(ctx, email, request.clientAddress, now());
      throw new SignInRefused("invalid");
    }
    throw new SignInRefused(failure.kind === "timeout" ? "timeout" : "unreachable");
  }

  try {
    const user = await upsertUserOnSignIn(ctx.db, email, now());
    await clearSignInFailuresForAddress(ctx.db, email);
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
    await sweepStaleRows(ctx, now());
    return { userId: user.id, email, sessionId, sessionKey: key.toString("base64url") };
  } catch (error) {
    client.close();
    throw error;
  }
}

/** Housekeeping piggybacked on sign-in: no background job is needed to keep the tables small. */
async function sweepStaleRows(ctx: SignInContext, now: Date) {
  await pruneSignInFailures(ctx.db, new Date(now.getTime() - ctx.limits.windowMinutes * 60_000));
  if (ctx.sessionLimits) {
    const { idleMinutes, lifetimeHours } = ctx.sessionLimits;
    await deleteExpiredSessions(ctx.db, new Date(now.getTime() - idleMinutes * 60_000), new Date(now.getTime() - lifetimeHours * 3_600_000));
  }
}

async function refuseIfLocked(ctx: SignInContext, email: string, clientAddress: string, now: Date) {
  const windowMs = ctx.limits.windowMinutes * 60_000;
  const since = new Date(now.getTime() - windowMs);
  const { byAddress, byClient } = await tallySignInFailures(ctx.db, email, clientAddress, since);
  const locks: Date[] = [];
  if (byAddress.count >= ctx.limits.maxFailuresPerAddress && byAddress.oldest) locks.push(byAddress.oldest);
  if (byClient.count >= ctx.limits.maxFailuresPerClient && byClient.oldest) locks.push(byClient.oldest);
  if (!locks.length) return;
  const retryAt = new Date(Math.max(...locks.map((oldest) => oldest.getTime() + windowMs)));
  throw new SignInRefused("locked", retryAt);
}
