"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { database } from "@/lib/db/database";
import { deleteSessionForUser } from "@/lib/db/sessions";
import { sessionAction } from "./session-action";

const revokeSchema = z.object({ rowId: z.string().regex(/^[0-9a-f]{64}$/, "Unknown session.") });

/** Signs another browser of the same user out (its next request gets the sign-in page). */
export const revokeSessionAction = sessionAction(revokeSchema, async ({ rowId }, session) => {
  if (rowId === session.rowId) return { ok: false, code: "invalid", error: "Use “Sign out” to end this session." };
  await deleteSessionForUser(await database(), session.userId, rowId);
  revalidatePath("/settings/sessions");
  return { ok: true, data: null };
});
