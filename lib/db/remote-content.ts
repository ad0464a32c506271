import { and, eq } from "drizzle-orm";
import type { Database } from "./client";
import { remoteContentSenders } from "./schema";

/** Sender addresses are compared without regard to case. */
function normalise(sender: string): string {
  return sender.trim().toLowerCase();
}

/** Whether the user chose to always load remote content in mail from this address. */
export async function isSenderAllowed(db: Database, userId: string, sender: string): Promise<boolean> {
  if (!sender.trim()) return false;
  const rows = await db
    .select({ sender: remoteContentSenders.sender })
    .from(remoteContentSenders)
    .where(and(eq(remoteContentSenders.userId, userId), eq(remoteContentSenders.sender, normalise(sender))))
    .limit(1);
  return rows.length > 0;
}

export async function allowSender(db: Database, userId: string, sender: string): Promise<void> {
  await db
    .insert(remoteContentSenders)
    .values({ userId, sender: normalise(sender) })
    .onConflictDoNothing();
}
