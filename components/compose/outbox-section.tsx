import { getCurrentSession } from "@/lib/auth/current-session";
import { readOutbox } from "@/lib/reads/outbox";
import { OutboxNotices } from "./outbox-notices";

/** Messages on their way and sends that failed, beside the folder list of every mail page. */
export async function OutboxSection() {
  const session = await getCurrentSession();
  if (!session) return null;
  const result = await readOutbox(session);
  if (!result.ok || result.data.length === 0) return null;
  return <OutboxNotices sends={result.data} />;
}
