import type { Database } from "@/lib/db/client";
import type { SmtpRelay } from "@/lib/db/schema";
import { findSmtpRelay, saveSmtpRelay } from "@/lib/db/smtp-relays";
import { env, EnvError, type Env } from "@/lib/env";
import type { MailboxCredentials } from "@/lib/mail/imap/connect";
import { parseAllowlist } from "@/lib/mail/smtp/guard";
import { createRelayTransport, type RelayConfig, type RelayTransport, type RelayTransportOptions } from "@/lib/mail/smtp/transport";
import { verifyRelay, type SmtpCheckResult } from "@/lib/mail/smtp/verify";
import { openRelayPassword, sealRelayPassword } from "./relay-password";
import { reusableSavedPassword, type RelayAccount } from "./saved-password-reuse";

/**
 * Which relay a user's mail goes out through, and on what terms: the company relay (MAILROOM_SMTP_*)
 * signing in with the mailbox login, or the user's own relay with its sealed password; whether an
 * unencrypted relay is allowed; when a saved password may be reused; the CA and allow-list every
 * relay connection is made with. Actions and reads ask here; lib/db only stores, lib/mail only connects.
 */

/** Who is sending: the signed-in session (lib/auth/current-session.ts CurrentSession fits). */
export interface RelayUser {
  userId: string;
  /** The mailbox login; the company relay (Postfix with SASL) signs in with it. */
  imapCredentials(): MailboxCredentials;
}

/** Why the saved relay settings cannot be used as they are: the key of the words ("sending.relay.*") telling the user what to change. */
export type RelaySettingsProblem = "insecure" | "noSavedPassword" | "savedPasswordUnreadable";

export class RelaySettingsError extends Error {
  constructor(readonly problem: RelaySettingsProblem) {
    super(`Relay settings unusable: ${problem}`);
    this.name = "RelaySettingsError";
  }
}

/** Why a choice needs the password typed: the key of the words ("sending.relay.*") for the password field. */
export type RelayPasswordProblem = "passwordUnreadable" | "passwordChanged" | "passwordMissing";

/** The outgoing mail settings as the user chose them (the form, validated). */
export type OutgoingChoice =
  | { useCompanyRelay: true; saveSentCopy: boolean }
  | (RelayAccount & {
      useCompanyRelay: false;
      saveSentCopy: boolean;
      /** Typed now; empty keeps (or reuses) the saved one. */
      password: string;
      removePassword: boolean;
    });

type OwnRelayChoice = Extract<OutgoingChoice, { useCompanyRelay: false }>;

/** A choice that needs the password typed again; `passwordProblem` says why. */
export type RelayChoiceResult<T> = ({ ok: true } & T) | { ok: false; passwordProblem: RelayPasswordProblem };

/** Whether personal relays may connect without encryption (MAILROOM_SMTP_ALLOW_INSECURE). */
export function insecureRelaysAllowed(): boolean {
  return env().smtpAllowInsecure;
}

/** The company relay, signing in as the user with their mailbox login. */
export function companyRelay(user: RelayUser, saveSentCopy: boolean): RelayConfig {
  const { host, port, security } = env().smtp;
  const credentials = user.imapCredentials();
  return { host, port, security, auth: { user: credentials.user, pass: credentials.password }, saveSentCopy, isCompanyRelay: true };
}

/**
 * The relay a user's mail goes out through: their own relay when they set one up, otherwise the
 * company relay. Throws RelaySettingsError when the saved settings are no longer usable (insecure
 * relay no longer allowed, password missing or unreadable).
 */
export async function resolveRelayForUser(db: Database, user: RelayUser): Promise<RelayConfig> {
  const row = await findSmtpRelay(db, user.userId);
  if (!row || row.useCompanyRelay || !row.host || !row.port || !row.security) return companyRelay(user, row?.saveSentCopy ?? true);
  if (row.security === "none" && !insecureRelaysAllowed()) {
    throw new RelaySettingsError("insecure");
  }
  return {
    host: row.host,
    port: row.port,
    security: row.security,
    auth: row.username ? { user: row.username, pass: openSavedPassword(row) } : undefined,
    saveSentCopy: row.saveSentCopy,
    isCompanyRelay: false,
  };
}

/** Saves the choice. A typed password is sealed; an empty one keeps the saved one where it may be reused. */
export async function saveOutgoingChoice(db: Database, userId: string, choice: OutgoingChoice): Promise<RelayChoiceResult<{ passwordSaved: boolean }>> {
  const saved = await findSmtpRelay(db, userId);
  if (choice.useCompanyRelay) {
    await saveSmtpRelay(db, userId, { useCompanyRelay: true, saveSentCopy: choice.saveSentCopy });
    return { ok: true, passwordSaved: Boolean(saved?.sealedPassword) };
  }
  const problem = passwordProblem(choice, saved);
  if (problem) return { ok: false, passwordProblem: problem };
  const sealedPassword = choice.password ? sealRelayPassword(choice.password, userId) : choice.removePassword || !choice.username ? null : undefined;
  await saveSmtpRelay(db, userId, {
    useCompanyRelay: false,
    saveSentCopy: choice.saveSentCopy,
    ownRelay: { host: choice.host, port: choice.port, security: choice.security, username: choice.username, sealedPassword },
  });
  return { ok: true, passwordSaved: sealedPassword === undefined ? Boolean(saved?.sealedPassword) : sealedPassword !== null };
}

/** The relay a choice (not yet saved) would use, with the saved password where it may be reused. */
export async function relayForChoice(db: Database, user: RelayUser, choice: OutgoingChoice): Promise<RelayChoiceResult<{ relay: RelayConfig }>> {
  if (choice.useCompanyRelay) return { ok: true, relay: companyRelay(user, choice.saveSentCopy) };
  const saved = await findSmtpRelay(db, user.userId);
  const problem = passwordProblem(choice, saved);
  if (problem) return { ok: false, passwordProblem: problem };
  let password = choice.password;
  const reusable = choice.username && !password ? reusableSavedPassword(saved, choice) : null;
  if (reusable) {
    try {
      password = openRelayPassword(reusable, user.userId);
    } catch {
      return { ok: false, passwordProblem: "passwordUnreadable" };
    }
  }
  return {
    ok: true,
    relay: {
      host: choice.host,
      port: choice.port,
      security: choice.security,
      auth: choice.username ? { user: choice.username, pass: password } : undefined,
      saveSentCopy: choice.saveSentCopy,
      isCompanyRelay: false,
    },
  };
}

/** A transport to the relay, with the trusted CAs and the administrator's allow-list. Close it when done. */
export function openRelayTransport(relay: RelayConfig): Promise<RelayTransport> {
  return createRelayTransport(relay, relayTransportOptions());
}

/** Connects, upgrades to TLS and signs in, without sending; says in plain words what happened. */
export function checkRelayConnection(relay: RelayConfig): Promise<SmtpCheckResult> {
  return verifyRelay(relay, relayTransportOptions());
}

/** Checks MAILROOM_SMTP_ALLOWED_HOSTS at start-up; throws EnvError naming a malformed entry. */
export function checkRelayAllowlist(config: Pick<Env, "smtpAllowedHosts"> = env()): void {
  try {
    parseAllowlist(config.smtpAllowedHosts);
  } catch (error) {
    throw new EnvError([(error as Error).message]);
  }
}

function relayTransportOptions(): RelayTransportOptions {
  const { tlsCa, smtpAllowedHosts } = env();
  return { ca: tlsCa, allowedHosts: smtpAllowedHosts };
}

/** A username needs a password: typed now, or saved for the same server, port, security and username. */
function passwordProblem(choice: OwnRelayChoice, saved: SmtpRelay | undefined): RelayPasswordProblem | undefined {
  if (!choice.username || choice.password) return undefined;
  if (!choice.removePassword && reusableSavedPassword(saved, choice)) return undefined;
  return saved?.sealedPassword && !choice.removePassword ? "passwordChanged" : "passwordMissing";
}

function openSavedPassword(row: SmtpRelay): string {
  if (!row.sealedPassword) {
    throw new RelaySettingsError("noSavedPassword");
  }
  try {
    return openRelayPassword(row.sealedPassword, row.userId);
  } catch {
    throw new RelaySettingsError("savedPasswordUnreadable");
  }
}
