// Server-only (the server-only package is not installed).
import { identityDomainsFor } from "@/lib/actions/identities.validation";
import type { CurrentSession } from "@/lib/auth/current-session";
import { database } from "@/lib/db/database";
import { listIdentities } from "@/lib/db/identities";
import { env } from "@/lib/env";
import { needsNoConfirmation } from "@/lib/outgoing/send-identity-code";

export interface IdentitiesView {
  signInEmail: string;
  /** Domains new identities may be in. */
  domains: string[];
  /** `confirmed`: may be sent from (the sign-in address, or an address whose mailed code was entered). */
  identities: { id: string; email: string; displayName: string; signatureHtml: string; replyTo: string; isDefault: boolean; confirmed: boolean }[];
}

/** Settings → Identities: the addresses the user sends from. */
export async function readIdentities(session: CurrentSession): Promise<IdentitiesView> {
  const identities = await listIdentities(await database(), session.userId, session.email);
  return {
    signInEmail: session.email.toLowerCase(),
    domains: identityDomainsFor(session.email, env().identityDomains),
    identities: identities.map((identity) => ({
      id: identity.id,
      email: identity.email,
      displayName: identity.displayName,
      signatureHtml: identity.signatureHtml,
      replyTo: identity.replyTo ?? "",
      isDefault: identity.isDefault,
      confirmed: identity.confirmedAt !== null || needsNoConfirmation(identity.email, session.email),
    })),
  };
}
