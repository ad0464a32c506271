import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import type { CurrentSession } from "@/lib/auth/current-session";
import { describeMailboxError } from "@/lib/auth/mailbox-error";
import { withSessionMailbox } from "@/lib/auth/session-mailbox";
import { database } from "@/lib/db/database";
import { sendableIdentities } from "@/lib/db/identities";
import { env } from "@/lib/env";
import { formatFileSize } from "@/lib/i18n/file-size";
import { buildMessage, isMessageId, MessageInputError, parseAddressList, type MessageAttachment } from "@/lib/mail/compose/build-message";
import { saveDraftVersion } from "@/lib/mail/compose/drafts";
import { MissingFolderError } from "@/lib/mail/imap/special-folders";
import { needsNoConfirmation } from "@/lib/outgoing/send-identity-code";
import { inlineUploadIds, inlineUploadsAsCid } from "@/lib/upload-id";
import { readUploadMeta, uploadDir, uploadPath } from "@/lib/uploads/upload-store";
import type { ActionResult } from "./result";

/**
 * Saving a draft, shared by the compose server actions and the route handler that
 * navigator.sendBeacon calls when the page is left. Not an action itself: it takes the session.
 */

const messageId = z.string().max(250).refine(isMessageId, "validation.messageIdInvalid");
const headerText = (field: "to" | "cc" | "bcc" | "subject", max: number) =>
  z
    .string()
    .max(max)
    .refine((value) => !/[\r\n\0]/.test(value), { message: "validation.headerLineBreak", params: { field } });

export const draftSchema = z.object({
  messageId,
  from: z.string().trim().max(320),
  to: headerText("to", 20_000),
  cc: headerText("cc", 20_000),
  bcc: headerText("bcc", 20_000),
  subject: headerText("subject", 998),
  html: z.string().max(10_000_000).nullable(),
  text: z.string().max(10_000_000),
  attachmentIds: z.array(z.uuid()).max(100),
  inReplyTo: messageId.nullable(),
  references: z.array(messageId).max(50),
  origin: z.object({ kind: z.enum(["reply", "forward"]), folder: z.string().min(1).max(1000), uid: z.number().int().positive() }).nullable(),
});

export type DraftInput = z.output<typeof draftSchema>;

function invalid(field: string, error: string): ActionResult<never> {
  return { ok: false, code: "invalid", error, fieldErrors: { [field]: [error] } };
}

/** Builds the draft (checked headers, attachments streamed from the user's uploads) and stores it in Drafts. */
export async function saveDraftForSession(input: DraftInput, session: CurrentSession): Promise<ActionResult<{ uid: number }>> {
  const t = await getTranslations("actions");
  const db = await database();
  const identities = await sendableIdentities(db, session.userId, session.email, (email) => needsNoConfirmation(email, session.email));
  const identity = identities.find((candidate) => candidate.email.toLowerCase() === input.from.toLowerCase());
  if (!identity) return invalid("from", t("compose.fromNotOwn"));

  const dir = uploadDir(env().dataDir, session.userId);
  const inlineIds = input.html ? inlineUploadIds(input.html) : [];
  const attachments: MessageAttachment[] = [];
  let total = 0;
  for (const id of [...input.attachmentIds, ...inlineIds]) {
    const meta = await readUploadMeta(dir, id);
    if (!meta) return invalid("attachments", t("compose.attachmentGone"));
    total += meta.size;
    const inline = !input.attachmentIds.includes(id);
    attachments.push({ filename: meta.filename, contentType: meta.contentType, path: uploadPath(dir, id), cid: inline ? `${id}@mailroom` : undefined });
  }
  const limit = env().limits.messageBytes;
  if (total > limit) {
    const locale = await getLocale();
    return invalid("attachments", t("compose.tooLarge", { total: formatFileSize(total, locale), limit: formatFileSize(limit, locale) }));
  }

  let raw: Buffer;
  try {
    raw = await buildMessage(
      {
        messageId: input.messageId,
        from: { name: identity.displayName, address: identity.email },
        replyTo: identity.replyTo,
        to: parseAddressList("To", input.to),
        cc: parseAddressList("Cc", input.cc),
        bcc: parseAddressList("Bcc", input.bcc),
        subject: input.subject,
        html: input.html === null ? null : inlineUploadsAsCid(input.html),
        text: input.text,
        attachments,
        inReplyTo: input.inReplyTo,
        references: input.references,
        origin: input.origin,
      },
      { keepBcc: true, keepOrigin: true },
    );
  } catch (error) {
    if (error instanceof MessageInputError) return invalid(error.field.toLowerCase(), (await getTranslations("sending"))(error.words.key, error.words.values));
    throw error;
  }
  try {
    const saved = await withSessionMailbox(session, (client) => saveDraftVersion(client, raw, input.messageId));
    return { ok: true, data: { uid: saved.uid } };
  } catch (error) {
    if (error instanceof MissingFolderError) return { ok: false, code: "failed", error: t("compose.noDrafts") };
    return { ok: false, code: "failed", error: t("compose.notSaved", { reason: describeMailboxError(error, await getTranslations("errors")) }) };
  }
}
