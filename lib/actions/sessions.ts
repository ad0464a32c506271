"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { database } from "@/lib/db/database";
import { publishNotification } from "@/lib/db/notifications";
import { deleteSessionForUser } from "@/lib/db/sessions";
import { sessionAction } from "./session-action";

const revokeSchema = z.object({ rowId: z.string().regex(/^[0-9a-f]{64}$/, "validation.unknownSession") });

/**
 * Signs another browser of the same user out: its next request gets the sign-in page, and every
 * instance closes its live-update streams and IMAP connection at once.
 */
export const revokeSessionAction = sessionAction(revokeSchema, async ({ rowId }, session) => {
  if (rowId === session.rowId) {
    const t = await getTranslations("actions");
    return { ok: false, code: "invalid", error: t("sessions.ownSession") };
  }
  const db = await database();
  if (await deleteSessionForUser(db, session.userId, rowId)) {
    // The row is gone, which is what ends the session; without the notification it ends within a heartbeat.
    await publishNotification(db, { kind: "session-ended", sessionRowId: rowId }).catch((error: Error) => console.warn(`notifications: ${error.message}`));
  }
  revalidatePath("/settings/sessions");
  return { ok: true, data: null };
});
