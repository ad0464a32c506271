"use server";

import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { describeMailboxError } from "@/lib/auth/mailbox-error";
import { withSessionMailbox } from "@/lib/auth/session-mailbox";
import { recordContacts } from "@/lib/db/contacts";
import { database } from "@/lib/db/database";
import { getUserSettings } from "@/lib/db/user-settings";
import { markMessageOpened, MessageNotFoundError } from "@/lib/mail/imap/load-message";
import { folderPathSchema } from "./folders.validation";
import type { ActionResult } from "./result";
import { sessionAction } from "./session-action";

const openedSchema = z.object({ folder: folderPathSchema, uid: z.number().int().positive().max(4_294_967_295) });

/**
 * Called by the message screen once it is shown to the reader: marks the message read (when the
 * reader wants that) and learns its sender for recipient autocomplete. The page's GET does neither,
 * so a prefetch, a preview or a link scanner opening the URL changes nothing.
 */
export const messageOpenedAction = sessionAction(openedSchema, async ({ folder, uid }, session): Promise<ActionResult<{ markedRead: boolean }>> => {
  const db = await database();
  const { markReadOnOpen } = await getUserSettings(db, session.userId);
  let opened: Awaited<ReturnType<typeof markMessageOpened>>;
  try {
    opened = await withSessionMailbox(session, (client) => markMessageOpened(client, folder, uid, { markRead: markReadOnOpen }));
  } catch (error) {
    const t = await getTranslations("errors");
    if (error instanceof MessageNotFoundError) return { ok: false, code: "failed", error: t("messageGone") };
    return { ok: false, code: "failed", error: describeMailboxError(error, t) };
  }
  if (opened.from && opened.from.address.toLowerCase() !== session.email.toLowerCase()) {
    await recordContacts(db, session.userId, [opened.from]).catch(() => undefined);
  }
  return { ok: true, data: { markedRead: opened.markedRead } };
});
