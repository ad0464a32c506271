"use server";

import { revalidatePath } from "next/cache";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { rateLimit, retryMinutes } from "@/lib/auth/rate-limit";
import type { CurrentSession } from "@/lib/auth/current-session";
import { database } from "@/lib/db/database";
import { confirmIdentityCode, deleteIdentity, findIdentity, insertIdentity, setDefaultIdentity, setIdentityConfirmationCode, updateIdentity } from "@/lib/db/identities";
import type { Identity } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { isLocale } from "@/lib/i18n/locales";
import { sanitizeSignatureHtml } from "@/lib/mail/sanitize/signature-html";
import { describeSmtpFailure } from "@/lib/mail/smtp/verify";
import {
  CONFIRMATION_LIFETIME_MS,
  CONFIRMATION_MAX_FAILURES,
  hashConfirmationCode,
  mailConfirmationCode,
  needsNoConfirmation,
  newConfirmationCode,
} from "@/lib/outgoing/send-identity-code";
import { identityAddressAllowed, identityCodeSchema, identityDomainsFor, identityIdSchema, identityUpdateSchema, newIdentitySchema } from "./identities.validation";
import type { ActionResult } from "./result";
import { sessionAction } from "./session-action";

const PAGE = "/settings/identities";

async function identityGone(): Promise<ActionResult<never>> {
  const t = await getTranslations("actions");
  return { ok: false, code: "invalid", error: t("identities.gone") };
}

/** Codes mailed per user and hour (adding an identity or asking again): nobody can use Mailroom to flood an address with them. */
const CODES_PER_HOUR = 10;

/**
 * Mails a new confirmation code to an unconfirmed identity. Fails with words for the user when too
 * many were sent or the relay did not take it; the identity stays, unconfirmed.
 */
async function sendConfirmationCode(session: CurrentSession, identity: Identity): Promise<ActionResult<null>> {
  const t = await getTranslations("actions");
  const db = await database();
  const limited = await rateLimit(db, `identity-code:${session.userId}`, CODES_PER_HOUR, 60 * 60_000);
  if (!limited.allowed) {
    return { ok: false, code: "failed", error: t("identities.tooManyCodes", { minutes: retryMinutes(limited.retryAt) }) };
  }
  const code = newConfirmationCode();
  await setIdentityConfirmationCode(db, session.userId, identity.id, hashConfirmationCode(identity.id, code), new Date(Date.now() + CONFIRMATION_LIFETIME_MS));
  try {
    const locale = await getLocale();
    await mailConfirmationCode(
      { userId: session.userId, email: session.email, imapCredentials: session.imapCredentials },
      identity.email,
      code,
      isLocale(locale) ? locale : undefined,
    );
  } catch (error) {
    const { host, port, security } = env().smtp;
    const { words } = describeSmtpFailure(error, { host, port, security });
    const reason = (await getTranslations("sending"))(words.key, words.values);
    return { ok: false, code: "failed", error: t("identities.codeNotMailed", { email: identity.email, reason }) };
  }
  return { ok: true, data: null };
}

/**
 * Adds a From address in a domain the administrator allows. Unless it is the sign-in address, it
 * can't be sent from until the user enters the code mailed to it (confirmIdentityAction).
 */
export const addIdentityAction = sessionAction(newIdentitySchema, async (input, session) => {
  const [t, errors] = await Promise.all([getTranslations("actions"), getTranslations("errors")]);
  if (!identityAddressAllowed(input.email, session.email, env().identityDomains)) {
    const domains = identityDomainsFor(session.email, env().identityDomains).map((domain) => `@${domain}`);
    const list = (await getFormatter()).list(domains, { type: "disjunction" });
    return { ok: false, code: "invalid", error: errors("correctFields"), fieldErrors: { email: [t("identities.domainNotAllowed", { domains: list })] } };
  }
  const row = await insertIdentity(await database(), session.userId, {
    email: input.email,
    displayName: input.displayName,
    signatureHtml: await sanitizeSignatureHtml(input.signatureHtml),
    replyTo: input.replyTo || null,
  });
  if (!row) {
    return { ok: false, code: "invalid", error: errors("correctFields"), fieldErrors: { email: [t("identities.duplicate")] } };
  }
  revalidatePath(PAGE);
  if (needsNoConfirmation(row.email, session.email)) return { ok: true, data: { id: row.id } };
  const mailed = await sendConfirmationCode(session, row);
  if (!mailed.ok) return { ...mailed, error: t("identities.addedUnusable", { email: row.email, reason: mailed.error }) };
  return { ok: true, data: { id: row.id } };
});

/** Mails a new code to an identity that is not confirmed yet (the old one stops working). */
export const resendIdentityCodeAction = sessionAction(identityIdSchema, async ({ id }, session) => {
  const identity = await findIdentity(await database(), session.userId, id);
  if (!identity) return identityGone();
  if (identity.confirmedAt || needsNoConfirmation(identity.email, session.email)) return { ok: true, data: null };
  return sendConfirmationCode(session, identity);
});

/** Confirms an identity with the code mailed to it: from then on it can be sent from. */
export const confirmIdentityAction = sessionAction(identityCodeSchema, async ({ id, code }, session) => {
  const db = await database();
  const result = await confirmIdentityCode(db, session.userId, id, hashConfirmationCode(id, code), CONFIRMATION_MAX_FAILURES);
  if (result === "wrong" || result === "expired") {
    const [t, errors] = await Promise.all([getTranslations("actions"), getTranslations("errors")]);
    const problem = result === "wrong" ? t("identities.wrongCode") : t("identities.codeExpired");
    return { ok: false, code: "invalid", error: errors("correctFields"), fieldErrors: { code: [problem] } };
  }
  revalidatePath(PAGE);
  return { ok: true, data: null };
});

/** Changes the display name, signature and Reply-To of one of the user's identities. */
export const updateIdentityAction = sessionAction(identityUpdateSchema, async ({ id, ...input }, session) => {
  const updated = await updateIdentity(await database(), session.userId, id, {
    displayName: input.displayName,
    signatureHtml: await sanitizeSignatureHtml(input.signatureHtml),
    replyTo: input.replyTo || null,
  });
  if (!updated) return identityGone();
  revalidatePath(PAGE);
  return { ok: true, data: null };
});

/** Deletes an identity; the sign-in address cannot be deleted. */
export const deleteIdentityAction = sessionAction(identityIdSchema, async ({ id }, session) => {
  const db = await database();
  const identity = await findIdentity(db, session.userId, id);
  if (!identity) return identityGone();
  if (identity.email === session.email.toLowerCase()) {
    const t = await getTranslations("actions");
    return { ok: false, code: "invalid", error: t("identities.signInAddress") };
  }
  await deleteIdentity(db, session.userId, id, session.email);
  revalidatePath(PAGE);
  return { ok: true, data: null };
});

/** Makes an identity the one new messages start with. */
export const makeDefaultIdentityAction = sessionAction(identityIdSchema, async ({ id }, session) => {
  if (!(await setDefaultIdentity(await database(), session.userId, id))) return identityGone();
  revalidatePath(PAGE);
  return { ok: true, data: null };
});
