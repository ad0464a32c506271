import { requireSession } from "@/lib/auth/current-session";
import { readIdentities } from "@/lib/reads/identities";
import { IdentityList } from "./identity-list";

/** Settings → Identities: the list of From addresses, each editable. */
export async function IdentitySection() {
  return <IdentityList {...await readIdentities(await requireSession())} />;
}
