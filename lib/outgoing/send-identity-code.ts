import { createHmac, randomInt } from "node:crypto";
import { deriveKey } from "@/lib/auth/vault";
import { env } from "@/lib/env";
import { catalogueTranslator } from "@/lib/i18n/catalogue-translator";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";
import { companyRelay, openRelayTransport, type RelayUser } from "./relay-policy";

/**
 * Proof that a user receives mail at an identity before they may send as it: a six-digit code is
 * mailed to the address through the company relay (signed in as the user, so the relay's own
 * rules and logs apply), and only its keyed hash is kept. It is valid for an hour and for
 * CONFIRMATION_MAX_FAILURES wrong tries.
 */

export const CONFIRMATION_LIFETIME_MS = 60 * 60_000;
export const CONFIRMATION_MAX_FAILURES = 5;

/**
 * Whether an identity can be sent from without a code: the sign-in address itself, or an address
 * (or domain) the administrator vouches for in MAILROOM_VOUCHED_IDENTITIES.
 */
export function needsNoConfirmation(email: string, signInEmail: string, vouched: readonly string[] = env().vouchedIdentities): boolean {
  const address = email.toLowerCase();
  const domain = address.slice(address.lastIndexOf("@") + 1);
  return address === signInEmail.toLowerCase() || vouched.includes(address) || vouched.includes(domain);
}

export function newConfirmationCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, "0");
}

/** HMAC-SHA256 under a key derived from AUTH_SECRET, bound to the identity: a database dump alone does not give the code away. */
export function hashConfirmationCode(identityId: string, code: string): string {
  return createHmac("sha256", deriveKey(env().authSecret, "identity-confirmation")).update(`${identityId}\n${code.trim()}`).digest("base64url");
}

/**
 * Mails the code to the identity's address from the user's sign-in address, in the user's language
 * (the address is theirs, or a colleague's they asked for). Throws when the relay refuses or can't be reached.
 */
export async function mailConfirmationCode(user: RelayUser & { email: string }, address: string, code: string, locale: Locale = DEFAULT_LOCALE): Promise<void> {
  const t = await catalogueTranslator("sending.confirmation", locale);
  const transport = await openRelayTransport(companyRelay(user, false));
  try {
    await transport.sendMail({
      from: user.email,
      to: address,
      subject: t("subject", { address }),
      text: [t("asked", { user: user.email, address }), "", t("enterCode", { code }), "", t("validity")].join("\n"),
    });
  } finally {
    transport.close();
  }
}
