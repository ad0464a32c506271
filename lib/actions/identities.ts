"use server";

import { revalidatePath } from "next/cache";
import { database } from "@/lib/db/database";
import { deleteIdentity, findIdentity, insertIdentity, setDefaultIdentity, updateIdentity } from "@/lib/db/identities";
import { env } from "@/lib/env";
import { sanitizeSignatureHtml } from "@/lib/mail/sanitize/signature-html";
import { identityAddressAllowed, identityDomainsFor, identityIdSchema, identityUpdateSchema, newIdentitySchema } from "./identities.validation";
import { sessionAction } from "./session-action";

const PAGE = "/settings/identities";
const NOT_FOUND = { ok: false, code: "invalid", error: "This identity no longer exists. Reload the page." } as const;

/** Adds a From address in a domain the administrator allows. */
export const addIdentityAction = sessionAction(newIdentitySchema, async (input, session) => {
  if (!identityAddressAllowed(input.email, session.email, env().identityDomains)) {
    const domains = identityDomainsFor(session.email, env().identityDomains).map((domain) => `@${domain}`);
    return {
      ok: false,
      code: "invalid",
      error: "Please correct the highlighted fields.",
      fieldErrors: { email: [`You can add addresses ending in ${domains.join(" or ")}.`] },
    };
  }
  const row = await insertIdentity(await database(), session.userId, {
    email: input.email,
    displayName: input.displayName,
    signatureHtml: await sanitizeSignatureHtml(input.signatureHtml),
    replyTo: input.replyTo || null,
  });
  if (!row) {
    return { ok: false, code: "invalid", error: "Please correct the highlighted fields.", fieldErrors: { email: ["You already have this address."] } };
  }
  revalidatePath(PAGE);
  return { ok: true, data: { id: row.id } };
});

/** Changes the display name, signature and Reply-To of one of the user's identities. */
export const updateIdentityAction = sessionAction(identityUpdateSchema, async ({ id, ...input }, session) => {
  const updated = await updateIdentity(await database(), session.userId, id, {
    displayName: input.displayName,
    signatureHtml: await sanitizeSignatureHtml(input.signatureHtml),
    replyTo: input.replyTo || null,
  });
  if (!updated) return NOT_FOUND;
  revalidatePath(PAGE);
  return { ok: true, data: null };
});

/** Deletes an identity; the sign-in address cannot be deleted. */
export const deleteIdentityAction = sessionAction(identityIdSchema, async ({ id }, session) => {
  const db = await database();
  const identity = await findIdentity(db, session.userId, id);
  if (!identity) return NOT_FOUND;
  if (identity.email === session.email.toLowerCase()) {
    return { ok: false, code: "invalid", error: "Your sign-in address is always one of your identities; it cannot be deleted." };
  }
  await deleteIdentity(db, session.userId, id, session.email);
  revalidatePath(PAGE);
  return { ok: true, data: null };
});

/** Makes an identity the one new messages start with. */
export const makeDefaultIdentityAction = sessionAction(identityIdSchema, async ({ id }, session) => {
  if (!(await setDefaultIdentity(await database(), session.userId, id))) return NOT_FOUND;
  revalidatePath(PAGE);
  return { ok: true, data: null };
});
