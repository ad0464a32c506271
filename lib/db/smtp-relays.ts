import { eq } from "drizzle-orm";
import { deriveKey, open } from "@/lib/auth/vault";
import { env } from "@/lib/env";
import type { MailboxCredentials } from "@/lib/mail/imap/connect";
import type { RelayConfig } from "@/lib/mail/smtp/transport";
import type { Database } from "./client";
import { smtpRelays, type SmtpRelay } from "./schema";

export async function findSmtpRelay(db: Database, userId: string): Promise<SmtpRelay | undefined> {
  const [row] = await db.select().from(smtpRelays).where(eq(smtpRelays.userId, userId)).limit(1);
  return row;
}

export interface OwnRelayValues {
  host: string;
  port: number;
  security: "tls" | "starttls" | "none";
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

/** Who is sending: the signed-in session (lib/auth/current-session.ts CurrentSession fits). */
export interface RelayUser {
  userId: string;
  /** The mailbox login; the company relay (Postfix with SASL) signs in with it. */
  imapCredentials(): MailboxCredentials;
}

/** The saved relay settings cannot be used as they are; `message` tells the user what to change. */
export class RelaySettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RelaySettingsError";
  }
}

/** The vault key for relay passwords; the user id is the associated data, so a sealed value only opens for its owner. */
export function relayPasswordKey(): Buffer {
  return deriveKey(env().authSecret, "smtp-password");
}

/**
 * The relay a user's mail goes out through: their own relay when they set one up, otherwise the
 * company relay (MAILROOM_SMTP_*) signing in with their mailbox login. The password of a personal
 * relay is opened from the vault here and nowhere else. Throws RelaySettingsError when the saved
 * settings are no longer usable (insecure relay no longer allowed, password unreadable).
 *
 * Connect with `createRelayTransport(relay, { ca: env().tlsCa, allowedHosts: env().smtpAllowedHosts })`.
 */
export async function resolveRelayForUser(db: Database, user: RelayUser): Promise<RelayConfig> {
  const row = await findSmtpRelay(db, user.userId);
  if (!row || row.useCompanyRelay || !row.host || !row.port || !row.security) return companyRelay(user, row?.saveSentCopy ?? true);
  if (row.security === "none" && !env().smtpAllowInsecure) {
    throw new RelaySettingsError(
      "Your outgoing mail server is set up without encryption, which the administrator does not allow. Choose TLS or STARTTLS in Settings → Outgoing mail.",
    );
  }
  return {
    host: row.host,
    port: row.port,
    security: row.security,
    auth: row.username ? { user: row.username, pass: openRelayPassword(row) } : undefined,
    saveSentCopy: row.saveSentCopy,
    isCompanyRelay: false,
  };
}

/** The company relay, signing in as the user with their mailbox login. */
export function companyRelay(user: RelayUser, saveSentCopy: boolean): RelayConfig {
  const { host, port, security } = env().smtp;
  const credentials = user.imapCredentials();
  return { host, port, security, auth: { user: credentials.user, pass: credentials.password }, saveSentCopy, isCompanyRelay: true };
}

function openRelayPassword(row: SmtpRelay): string {
  if (!row.sealedPassword) {
    throw new RelaySettingsError("No password is saved for your outgoing mail server. Enter it in Settings → Outgoing mail.");
  }
  try {
    return open(row.sealedPassword, relayPasswordKey(), row.userId);
  } catch {
    throw new RelaySettingsError("The saved password of your outgoing mail server can no longer be read. Enter it again in Settings → Outgoing mail.");
  }
}
