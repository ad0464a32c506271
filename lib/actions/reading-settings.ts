"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { database } from "@/lib/db/database";
import { updateUserSettings } from "@/lib/db/user-settings";
import { sessionAction } from "./session-action";

const toggleSchema = z.object({ enabled: z.boolean() });

/** Whether opening a message marks it read. */
export const setMarkReadOnOpenAction = sessionAction(toggleSchema, async ({ enabled }, session) => {
  await updateUserSettings(await database(), session.userId, { markReadOnOpen: enabled });
  return { ok: true, data: { enabled } };
});

/** Whether a message is shown with the rest of its conversation. */
export const setConversationViewAction = sessionAction(toggleSchema, async ({ enabled }, session) => {
  await updateUserSettings(await database(), session.userId, { conversationView: enabled });
  revalidatePath("/mail", "layout");
  return { ok: true, data: { enabled } };
});
