import { eq } from "drizzle-orm";
import type { Database } from "./client";
import { smtpRelays, type SmtpRelay, type SmtpRelaySecurity } from "./schema";

export async function findSmtpRelay(db: Database, userId: string): Promise<SmtpRelay | undefined> {
  const [row] = await db.select().from(smtpRelays).where(eq(smtpRelays.userId, userId)).limit(1);
  return row;
}

export interface OwnRelayValues {
  host: string;
  port: number;
  security: SmtpRelaySecurity;
  /** Empty for a relay that does not ask to sign in. */
  username: string;
  /** A newly sealed password; null removes the saved one; undefined keeps it. */
  sealedPassword: string | null | undefined;
}

export interface SmtpRelayValues {
  useCompanyRelay: boolean;
  saveSentCopy: boolean;
  /** The user's own server; left as saved when not given (e.g. when switching to the company relay). */
  ownRelay?: OwnRelayValues;
}

/** Creates or updates the user's relay settings. */
export async function saveSmtpRelay(db: Database, userId: string, values: SmtpRelayValues): Promise<void> {
  const own = values.ownRelay;
  const set = {
    useCompanyRelay: values.useCompanyRelay,
    saveSentCopy: values.saveSentCopy,
    updatedAt: new Date(),
    ...(own ? { host: own.host, port: own.port, security: own.security, username: own.username || null } : {}),
    ...(own && own.sealedPassword !== undefined ? { sealedPassword: own.sealedPassword } : {}),
  };
  await db
    .insert(smtpRelays)
    .values({ userId, ...set })
    .onConflictDoUpdate({ target: smtpRelays.userId, set });
}
