import { identityDomainsFor } from "@/lib/actions/identities.validation";
import { requireSession } from "@/lib/auth/current-session";
import { database } from "@/lib/db/database";
import { listIdentities } from "@/lib/db/identities";
import { env } from "@/lib/env";
import { IdentityList } from "./identity-list";

export async function IdentitySection() {
  const session = await requireSession();
  const identities = await listIdentities(await database(), session.userId, session.email);
  return (
    <IdentityList
      signInEmail={session.email.toLowerCase()}
      domains={identityDomainsFor(session.email, env().identityDomains)}
      identities={identities.map((identity) => ({
        id: identity.id,
        email: identity.email,
        displayName: identity.displayName,
        signatureHtml: identity.signatureHtml,
        replyTo: identity.replyTo ?? "",
        isDefault: identity.isDefault,
      }))}
    />
  );
}
