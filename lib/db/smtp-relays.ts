import { eq } from "drizzle-orm";
import type { Database } from "./client";
import { smtpRelays, type SmtpRelay } from "./schema";

export async function findSmtpRelay(db: Database, userId: string): Promise<SmtpRelay | undefined> {
  const [row] = await db.select().from(smtpRelays).where(eq(smtpRelays.userId, userId)).limit(1);
  return row;
}

export interface SmtpRelayValues {
  useCompanyRelay: boolean;
  host: string | null;
  port: number | null;
  security: "tls" | "starttls" | "none" | null;
  username: string | null;
  saveSentCopy: boolean;
  /** A newly sealed password; null removes the saved one; undefined keeps it. */
  sealedPassword: string | null | undefined;
}

/** Creates or replaces the user's relay settings (the sealed password only when one is given). */
export async function saveSmtpRelay(db: Database, userId: string, values: SmtpRelayValues): Promise<void> {
  const { sealedPassword, ...rest } = values;
  const set = { ...rest, updatedAt: new Date(), ...(sealedPassword === undefined ? {} : { sealedPassword }) };
  await db
    .insert(smtpRelays)
    .values({ userId, ...set })
    .onConflictDoUpdate({ target: smtpRelays.userId, set });
}
