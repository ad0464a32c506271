"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import type { CurrentSession } from "@/lib/auth/current-session";
import { rateLimit, retryMinutes } from "@/lib/auth/rate-limit";
import { database } from "@/lib/db/database";
import { checkRelayConnection, insecureRelaysAllowed, relayForChoice, saveOutgoingChoice, type RelayPasswordProblem } from "@/lib/outgoing/relay-policy";
import type { ActionResult } from "./result";
import { sessionAction } from "./session-action";
import { outgoingSettingsSchema, type OutgoingSettings, type OutgoingSettingsInput } from "./outgoing-settings.validation";

/** Saves the outgoing mail settings. The password is sealed; an empty password field keeps the saved one. */
export async function saveOutgoingSettingsAction(input: OutgoingSettingsInput): Promise<ActionResult<{ passwordSaved: boolean }>> {
  return sessionAction(outgoingSettingsSchema(insecureRelaysAllowed()), saveOutgoingSettings)(input);
}

/** Connects to the relay in the form (not yet saved), upgrades to TLS and signs in; says in plain words what happened. */
export async function testOutgoingConnectionAction(input: OutgoingSettingsInput): Promise<ActionResult<{ message: string }>> {
  return sessionAction(outgoingSettingsSchema(insecureRelaysAllowed()), testOutgoingConnection)(input);
}

async function saveOutgoingSettings(settings: OutgoingSettings, session: CurrentSession): Promise<ActionResult<{ passwordSaved: boolean }>> {
  const saved = await saveOutgoingChoice(await database(), session.userId, settings);
  if (!saved.ok) return await passwordFieldError(saved.passwordProblem);
  revalidatePath("/settings/outgoing");
  return { ok: true, data: { passwordSaved: saved.passwordSaved } };
}

// Connection tests per user, shared by all instances: enough to get a relay right, too few to scan with.
const CONNECTION_TESTS_PER_WINDOW = 10;
const CONNECTION_TEST_WINDOW_MS = 10 * 60_000;

async function testOutgoingConnection(settings: OutgoingSettings, session: CurrentSession): Promise<ActionResult<{ message: string }>> {
  const db = await database();
  const chosen = await relayForChoice(db, session, settings);
  if (!chosen.ok) return await passwordFieldError(chosen.passwordProblem);
  const limited = await rateLimit(db, `relay-test:${session.userId}`, CONNECTION_TESTS_PER_WINDOW, CONNECTION_TEST_WINDOW_MS);
  if (!limited.allowed) {
    const t = await getTranslations("actions");
    return { ok: false, code: "failed", error: t("outgoing.tooManyTests", { minutes: retryMinutes(limited.retryAt) }) };
  }
  const result = await checkRelayConnection(chosen.relay);
  const sending = await getTranslations("sending");
  const message = sending(result.words.key, result.words.values);
  return result.ok ? { ok: true, data: { message } } : { ok: false, code: "failed", error: message };
}

async function passwordFieldError(problem: RelayPasswordProblem): Promise<ActionResult<never>> {
  const t = await getTranslations("errors");
  const relay = await getTranslations("sending.relay");
  return { ok: false, code: "invalid", error: t("correctFields"), fieldErrors: { password: [relay(problem)] } };
}
