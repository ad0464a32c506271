"use server";

import { z } from "zod";
import { database } from "@/lib/db/database";
import { allowSender } from "@/lib/db/remote-content";
import { sessionAction } from "./session-action";

const senderSchema = z.object({ sender: z.string().trim().toLowerCase().pipe(z.email("validation.senderInvalid")) });

/** "Always from this sender": remote images, CSS and fonts of mail from this address load without asking. */
export const alwaysLoadRemoteContentAction = sessionAction(senderSchema, async ({ sender }, session) => {
  await allowSender(await database(), session.userId, sender);
  return { ok: true, data: null };
});
