"use server";

import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { describeMailboxError } from "@/lib/auth/mailbox-error";
import { rateLimit, retryMinutes } from "@/lib/auth/rate-limit";
import { withSessionMailbox } from "@/lib/auth/session-mailbox";
import { database } from "@/lib/db/database";
import { cancelPendingSend, dismissFailedSend, findSendStatus, schedulePendingSend, type SendOutcome, type SendStatus } from "@/lib/db/pending-sends";
import { findUndoSendSeconds } from "@/lib/db/undo-send-delay";
import { env } from "@/lib/env";
import { isMessageId } from "@/lib/mail/compose/build-message";
import { deleteDraft } from "@/lib/mail/compose/drafts";
import { sendNowIfDue } from "@/lib/outgoing/scheduled-send";
import { sealSendCredentials } from "@/lib/outgoing/send-credentials";
import { deleteUploads, uploadDir } from "@/lib/uploads/upload-store";
import { draftSchema, saveDraftForSession } from "./compose-draft";
import type { ActionResult } from "./result";
import { sessionAction } from "./session-action";

/** Saves the composer's content as the newest version of its draft in Drafts. */
export const saveDraftAction = sessionAction(draftSchema, saveDraftForSession);

const messageIdSchema = z.string().max(250).refine(isMessageId, "validation.messageIdInvalid");

const sendSchema = z.object({
  messageId: messageIdSchema,
  attachmentIds: z.array(z.uuid()).max(100),
  /** Only for naming the message in a notice to the same user. */
  subject: z.string().max(998).default(""),
});

/** Where a sent message stands, as the composer shows it. A failed send comes back as an ActionResult failure. */
export type SendProgress = { state: "pending"; msLeft: number } | { state: "sending" } | { state: "sent"; sentCopySaved: boolean; warning: string | null } | { state: "cancelled" };

async function progress(status: SendStatus | undefined): Promise<ActionResult<SendProgress>> {
  const t = await getTranslations("actions");
  if (!status) return { ok: false, code: "failed", error: t("compose.noRecord") };
  switch (status.state) {
    case "pending":
      return { ok: true, data: { state: "pending", msLeft: status.msLeft } };
    case "sending":
      return { ok: true, data: { state: "sending" } };
    case "sent":
      return { ok: true, data: { state: "sent", sentCopySaved: status.sentCopySaved ?? true, warning: status.warning } };
    case "cancelled":
      return { ok: true, data: { state: "cancelled" } };
    case "failed":
      return { ok: false, code: "failed", error: status.error ?? t("compose.notSent") };
  }
}

function fromOutcome(outcome: SendOutcome): ActionResult<SendProgress> {
  return outcome.state === "sent" ? { ok: true, data: outcome } : { ok: false, code: "failed", error: outcome.error };
}

/**
 * Send: records the saved draft with this Message-ID as due at the end of the user's undo delay
 * and returns. From then on the server sends it, with or without this browser (lib/outgoing/
 * send-scheduler.ts); Undo from any tab or instance cancels it until it is claimed. Without an undo
 * delay it is sent right away and the result comes back here. Once the relay accepted the message
 * the result is ok, whatever fails afterwards: that comes back as `warning`.
 */
export const sendMessageAction = sessionAction(sendSchema, async ({ messageId, attachmentIds, subject }, session): Promise<ActionResult<SendProgress>> => {
  const db = await database();
  // Every attempt counts (MAILROOM_SEND_LIMIT per MAILROOM_SEND_LIMIT_MINUTES, shared by all instances):
  // a hijacked session can't turn the relay into a spam cannon.
  const { max, windowMinutes } = env().sendLimit;
  const limited = await rateLimit(db, `send:${session.userId}`, max, windowMinutes * 60_000);
  if (!limited.allowed) {
    const t = await getTranslations("actions");
    return { ok: false, code: "failed", error: t("compose.tooMany", { minutes: retryMinutes(limited.retryAt) }) };
  }
  const delaySeconds = await findUndoSendSeconds(db, session.userId);
  const scheduled = await schedulePendingSend(db, {
    userId: session.userId,
    messageId,
    subject,
    attachmentIds,
    delaySeconds,
    sealedCredentials: sealSendCredentials(session.imapCredentials(), session.userId, messageId),
  });
  // Already on its way (Send pressed twice, or in another tab): join it rather than send it twice.
  if (!scheduled) return progress(await findSendStatus(db, session.userId, messageId));
  if (delaySeconds > 0) return { ok: true, data: { state: "pending", msLeft: scheduled.msLeft } };
  const outcome = await sendNowIfDue(db, session.userId, messageId);
  return outcome ? fromOutcome(outcome) : progress(await findSendStatus(db, session.userId, messageId));
});

const sendRefSchema = z.object({ messageId: messageIdSchema });

/** Undo: cancels a send that no instance has claimed yet. Works from any tab of the user. */
export const undoSendAction = sessionAction(sendRefSchema, async ({ messageId }, session): Promise<ActionResult<null>> => {
  const db = await database();
  if (await cancelPendingSend(db, session.userId, messageId)) return { ok: true, data: null };
  const status = await findSendStatus(db, session.userId, messageId);
  if (status?.state === "cancelled") return { ok: true, data: null };
  const t = await getTranslations("actions");
  return { ok: false, code: "failed", error: t("compose.tooLateToUndo") };
});

const RESULT_WAIT_MS = 20_000;
const RESULT_POLL_MS = 400;

/**
 * The composer asks at the end of the countdown: sends the message now if it is due and still
 * unclaimed (sooner than the next scheduler tick), otherwise waits a little for whoever sends it.
 * Still pending or sending after that comes back as such, and the composer asks again.
 */
export const sendResultAction = sessionAction(sendRefSchema, async ({ messageId }, session): Promise<ActionResult<SendProgress>> => {
  const db = await database();
  const deadline = Date.now() + RESULT_WAIT_MS;
  for (;;) {
    const outcome = await sendNowIfDue(db, session.userId, messageId);
    if (outcome) return fromOutcome(outcome);
    const status = await findSendStatus(db, session.userId, messageId);
    const waiting = status?.state === "sending" || (status?.state === "pending" && status.msLeft < RESULT_POLL_MS);
    if (!waiting || Date.now() > deadline) return progress(status);
    await new Promise((resolve) => setTimeout(resolve, RESULT_POLL_MS));
  }
});

/** The user saw that a send failed (the notice beside the folders): forget it. The draft stays in Drafts. */
export const dismissSendFailureAction = sessionAction(sendRefSchema, async ({ messageId }, session): Promise<ActionResult<null>> => {
  await dismissFailedSend(await database(), session.userId, messageId);
  return { ok: true, data: null };
});

const discardSchema = z.object({
  messageId: messageIdSchema,
  attachmentIds: z.array(z.uuid()).max(100),
});

/** Throws the composition away: every saved version in Drafts and its uploaded files. */
export const discardDraftAction = sessionAction(discardSchema, async ({ messageId, attachmentIds }, session) => {
  // A send still waiting for its undo delay goes with the draft.
  await cancelPendingSend(await database(), session.userId, messageId);
  try {
    await withSessionMailbox(session, (client) => deleteDraft(client, messageId));
  } catch (error) {
    const t = await getTranslations("actions");
    return { ok: false, code: "failed", error: t("compose.notDeleted", { reason: describeMailboxError(error, await getTranslations("errors")) }) };
  }
  await deleteUploads(uploadDir(env().dataDir, session.userId), attachmentIds);
  return { ok: true, data: null };
});
