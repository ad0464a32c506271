"use server";

import { z } from "zod";
import { describeMailboxError } from "@/lib/auth/mailbox-error";
import { rateLimit, retryInWords } from "@/lib/auth/rate-limit";
import { withSessionMailbox } from "@/lib/auth/session-mailbox";
import { recordContacts } from "@/lib/db/contacts";
import { database } from "@/lib/db/database";
import { listIdentities } from "@/lib/db/identities";
import { env } from "@/lib/env";
import { isMessageId, MessageInputError } from "@/lib/mail/compose/build-message";
import { deleteDraft } from "@/lib/mail/compose/drafts";
import { describeSendFailure, sendDraft, SendError, type SentMessage } from "@/lib/mail/smtp/send-message";
import type { RelayConfig, RelayTransport } from "@/lib/mail/smtp/transport";
import { openRelayTransport, RelaySettingsError, resolveRelayForUser } from "@/lib/outgoing/relay-policy";
import { deleteUploads, uploadDir } from "@/lib/uploads/upload-store";
import { draftSchema, saveDraftForSession } from "./compose-draft";
import { sessionAction } from "./session-action";
import { describeErrorForLog } from "./unexpected-failure";

/** Saves the composer's content as the newest version of its draft in Drafts. */
export const saveDraftAction = sessionAction(draftSchema, saveDraftForSession);

const sendSchema = z.object({
  messageId: z.string().max(250).refine(isMessageId, "Malformed Message-ID."),
  attachmentIds: z.array(z.uuid()).max(100),
});

/**
 * Sends the saved draft with this Message-ID (the composer saves first, then waits out the undo
 * delay, then calls this). A failure leaves the draft in Drafts and says why in plain words. Once
 * the relay accepted the message the result is ok, whatever fails afterwards: that comes back as
 * `warning`, never as an error that would make the user send it again.
 */
export const sendMessageAction = sessionAction(sendSchema, async ({ messageId, attachmentIds }, session) => {
  const db = await database();
  // Every attempt counts (MAILROOM_SEND_LIMIT per MAILROOM_SEND_LIMIT_MINUTES, shared by all instances):
  // a hijacked session can't turn the relay into a spam cannon.
  const { max, windowMinutes } = env().sendLimit;
  const limited = await rateLimit(db, `send:${session.userId}`, max, windowMinutes * 60_000);
  if (!limited.allowed) {
    return { ok: false, code: "failed", error: `You have sent too many messages in a short time. Try again ${retryInWords(limited.retryAt)}; the message is saved in Drafts.` };
  }
  const identities = await listIdentities(db, session.userId, session.email);
  let relay: RelayConfig;
  try {
    relay = await resolveRelayForUser(db, session);
  } catch (error) {
    if (error instanceof RelaySettingsError) return { ok: false, code: "failed", error: `${error.message} The message is saved in Drafts.` };
    throw error;
  }
  let transport: RelayTransport;
  try {
    transport = await openRelayTransport(relay);
  } catch (error) {
    return { ok: false, code: "failed", error: describeSendFailure(error, relay).message };
  }
  let sent: SentMessage;
  try {
    sent = await withSessionMailbox(session, (client) =>
      sendDraft(client, { messageId, transport, relay, allowedFrom: identities.map((identity) => identity.email), saveSentCopy: relay.saveSentCopy }),
    );
  } catch (error) {
    if (error instanceof SendError || error instanceof MessageInputError) return { ok: false, code: "failed", error: error.message };
    return { ok: false, code: "failed", error: `The message could not be sent; it is saved in Drafts. ${describeMailboxError(error)}` };
  } finally {
    transport.close();
  }
  await afterSending("record the recipients as contacts", () => recordContacts(db, session.userId, sent.recipients));
  await afterSending("delete the sent message's uploads", () => deleteUploads(uploadDir(env().dataDir, session.userId), attachmentIds));
  const warning = sent.draftDeleted ? null : "The message was sent, but its draft could not be removed from Drafts. Delete the draft there rather than sending it again.";
  return { ok: true, data: { sentCopySaved: sent.sentCopySaved, warning } };
});

/** Housekeeping after the message went out: a failure is logged, never reported as a failed send. */
async function afterSending(step: string, run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (error) {
    console.error(`Sent, but could not ${step}: ${describeErrorForLog(error)}`);
  }
}

const discardSchema = z.object({
  messageId: z.string().max(250).refine(isMessageId, "Malformed Message-ID."),
  attachmentIds: z.array(z.uuid()).max(100),
});

/** Throws the composition away: every saved version in Drafts and its uploaded files. */
export const discardDraftAction = sessionAction(discardSchema, async ({ messageId, attachmentIds }, session) => {
  try {
    await withSessionMailbox(session, (client) => deleteDraft(client, messageId));
  } catch (error) {
    return { ok: false, code: "failed", error: `The draft could not be deleted. ${describeMailboxError(error)}` };
  }
  await deleteUploads(uploadDir(env().dataDir, session.userId), attachmentIds);
  return { ok: true, data: null };
});
