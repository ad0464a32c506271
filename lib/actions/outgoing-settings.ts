"use server";

import { revalidatePath } from "next/cache";
import type { CurrentSession } from "@/lib/auth/current-session";
import { open, seal } from "@/lib/auth/vault";
import { database } from "@/lib/db/database";
import type { SmtpRelay } from "@/lib/db/schema";
import { companyRelay, findSmtpRelay, relayPasswordKey, saveSmtpRelay } from "@/lib/db/smtp-relays";
import { env } from "@/lib/env";
import { verifyRelay } from "@/lib/mail/smtp/verify";
import type { RelayConfig } from "@/lib/mail/smtp/transport";

import type { ActionResult } from "./result";
import { sessionAction } from "./session-action";
import { outgoingSettingsSchema, type OutgoingSettings, type OutgoingSettingsInput } from "./outgoing-settings.validation";

type OwnServerSettings = Extract<OutgoingSettings, { useCompanyRelay: false }>;

/** Saves the outgoing mail settings. The password is sealed; an empty password field keeps the saved one. */
export async function saveOutgoingSettingsAction(input: OutgoingSettingsInput): Promise<ActionResult<{ passwordSaved: boolean }>> {
  return sessionAction(outgoingSettingsSchema(env().smtpAllowInsecure), saveOutgoingSettings)(input);
}

/** Connects to the relay in the form (not yet saved), upgrades to TLS and signs in; says in plain words what happened. */
export async function testOutgoingConnectionAction(input: OutgoingSettingsInput): Promise<ActionResult<{ message: string }>> {
  return sessionAction(outgoingSettingsSchema(env().smtpAllowInsecure), testOutgoingConnection)(input);
}

async function saveOutgoingSettings(settings: OutgoingSettings, session: CurrentSession): Promise<ActionResult<{ passwordSaved: boolean }>> {
  const db = await database();
  const saved = await findSmtpRelay(db, session.userId);
  if (settings.useCompanyRelay) {
    await saveSmtpRelay(db, session.userId, { useCompanyRelay: true, saveSentCopy: settings.saveSentCopy });
    revalidatePath("/settings/outgoing");
    return { ok: true, data: { passwordSaved: Boolean(saved?.sealedPassword) } };
  }
  const problem = passwordProblem(settings, saved);
  if (problem) return problem;
  const sealedPassword = settings.password
    ? seal(settings.password, relayPasswordKey(), session.userId)
    : settings.removePassword || !settings.username
      ? null
      : undefined;
  await saveSmtpRelay(db, session.userId, {
    useCompanyRelay: false,
    saveSentCopy: settings.saveSentCopy,
    ownRelay: { host: settings.host, port: settings.port, security: settings.security, username: settings.username, sealedPassword },
  });
  revalidatePath("/settings/outgoing");
  return { ok: true, data: { passwordSaved: sealedPassword === undefined ? Boolean(saved?.sealedPassword) : sealedPassword !== null } };
}

async function testOutgoingConnection(settings: OutgoingSettings, session: CurrentSession): Promise<ActionResult<{ message: string }>> {
  const { tlsCa, smtpAllowedHosts } = env();
  let relay: RelayConfig;
  if (settings.useCompanyRelay) {
    relay = companyRelay(session, settings.saveSentCopy);
  } else {
    const saved = await findSmtpRelay(await database(), session.userId);
    const problem = passwordProblem(settings, saved);
    if (problem) return problem;
    const password = settings.password || (settings.username && saved?.sealedPassword ? openSavedPassword(saved.sealedPassword, session.userId) : "");
    if (password === undefined) {
      return { ok: false, code: "invalid", error: "Please correct the highlighted fields.", fieldErrors: { password: ["The saved password can no longer be read. Enter it again."] } };
    }
    relay = {
      host: settings.host,
      port: settings.port,
      security: settings.security,
      auth: settings.username ? { user: settings.username, pass: password } : undefined,
      saveSentCopy: settings.saveSentCopy,
      isCompanyRelay: false,
    };
  }
  const result = await verifyRelay(relay, { ca: tlsCa, allowedHosts: smtpAllowedHosts });
  return result.ok ? { ok: true, data: { message: result.message } } : { ok: false, code: "failed", error: result.message };
}

/**
 * A username needs a password: typed now, or saved for the same server and username. A saved
 * password is never reused for another server, so changing the server name cannot send it elsewhere.
 */
function passwordProblem(settings: OwnServerSettings, saved: SmtpRelay | undefined): ActionResult<never> | undefined {
  if (!settings.username || settings.password) return undefined;
  const reusable = saved?.sealedPassword && !settings.removePassword && saved.host === settings.host && saved.username === settings.username;
  if (reusable) return undefined;
  const message = saved?.sealedPassword && !settings.removePassword ? "Enter the password again: the server or username changed." : "Enter the password for this username.";
  return { ok: false, code: "invalid", error: "Please correct the highlighted fields.", fieldErrors: { password: [message] } };
}

function openSavedPassword(sealed: string, userId: string): string | undefined {
  try {
    return open(sealed, relayPasswordKey(), userId);
  } catch {
    return undefined;
  }
}
