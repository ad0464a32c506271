"use server";

import { getTranslations } from "next-intl/server";
import { rateLimit, retryMinutes } from "@/lib/auth/rate-limit";
import { database } from "@/lib/db/database";
import { listIdentities } from "@/lib/db/identities";
import { checkIdentitiesDeliverability, deliverabilityRelay, type IdentityDeliverability } from "@/lib/outgoing/deliverability";
import { deliverabilityCheckSchema, type DeliverabilityCheckInput } from "./deliverability.validation";
import type { ActionResult } from "./result";
import { sessionAction } from "./session-action";

// DNS lookups per user, shared by all instances: plenty to fix a zone and check again, too few to
// turn Mailroom into a resolver for someone else.
const CHECKS_PER_WINDOW = 30;
const CHECK_WINDOW_MS = 10 * 60_000;

/**
 * Checks SPF, DKIM, DMARC, MX and reverse DNS for each of the user's identities through the relay
 * in the form. Recent results are reused unless `force` ("Check deliverability" forces, saving
 * doesn't).
 */
export async function checkDeliverabilityAction(input: DeliverabilityCheckInput): Promise<ActionResult<{ identities: IdentityDeliverability[] }>> {
  return sessionAction(deliverabilityCheckSchema, async (request, session) => {
    const db = await database();
    const identities = await listIdentities(db, session.userId, session.email);
    const relay = deliverabilityRelay(request.useCompanyRelay ? { useCompanyRelay: true } : { useCompanyRelay: false, host: request.host });
    const checked = await checkIdentitiesDeliverability(
      session.userId,
      relay,
      identities.map((identity) => identity.email),
      {
        selectors: request.dkimSelectors,
        force: request.force,
        allowLookups: async () => {
          const limited = await rateLimit(db, `deliverability:${session.userId}`, CHECKS_PER_WINDOW, CHECK_WINDOW_MS);
          if (limited.allowed) return undefined;
          const t = await getTranslations("actions");
          return t("deliverability.tooManyChecks", { minutes: retryMinutes(limited.retryAt) });
        },
      },
    );
    if (!checked.ok) return { ok: false, code: "failed", error: checked.error };
    return { ok: true, data: { identities: checked.identities } };
  })(input);
}
