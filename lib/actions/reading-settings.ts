"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { database } from "@/lib/db/database";
import { AFTER_MOVE_CHOICES } from "@/lib/db/schema";
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

const afterMoveSchema = z.object({ afterMove: z.enum(AFTER_MOVE_CHOICES) });

/** Where the message view goes after its message is archived, deleted or moved: the next message, or the list. */
export const setAfterMoveAction = sessionAction(afterMoveSchema, async ({ afterMove }, session) => {
  await updateUserSettings(await database(), session.userId, { afterMove });
  revalidatePath("/mail", "layout");
  return { ok: true, data: { afterMove } };
});
