import { eq } from "drizzle-orm";
import type { Database } from "./client";
import { DEFAULT_UNDO_SEND_SECONDS, userSettings } from "./schema";

/** Seconds a sent message can still be undone (user_settings.undo_send_seconds; the default without a row, 0 = off). */
export async function findUndoSendSeconds(db: Database, userId: string): Promise<number> {
  const [row] = await db.select({ seconds: userSettings.undoSendSeconds }).from(userSettings).where(eq(userSettings.userId, userId)).limit(1);
  return row ? Math.max(0, row.seconds) : DEFAULT_UNDO_SEND_SECONDS;
}
