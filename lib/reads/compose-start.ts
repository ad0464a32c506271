// Server-only (the server-only package is not installed).
import { randomUUID } from "node:crypto";
import type { ImapFlow } from "imapflow";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { CurrentSession } from "@/lib/auth/current-session";
import { withSessionMailbox } from "@/lib/auth/session-mailbox";
import { database } from "@/lib/db/database";
import { sendableIdentities } from "@/lib/db/identities";
import { findSendStatus, type SendStatus } from "@/lib/db/pending-sends";
import { findSmtpRelay } from "@/lib/db/smtp-relays";
import { env } from "@/lib/env";
import { isMessageId } from "@/lib/mail/compose/build-message";
import { startFromDraft, startFromOriginal, type ComposeMode, type ComposeStart, type StartContext } from "@/lib/mail/compose/compose-start";
import { newestDraftUid } from "@/lib/mail/compose/drafts";
import { withSignature } from "@/lib/mail/compose/signature";
import { MessageNotFoundError } from "@/lib/mail/imap/load-message";
import type { QuoteWording } from "@/lib/mail/message/quote";
import { wordDeliverability, type DeliverabilityWords } from "@/lib/deliverability/check-view";
import { redDeliverabilityWarnings, savedDeliverabilityRelay } from "@/lib/outgoing/deliverability";
import { needsNoConfirmation } from "@/lib/outgoing/send-identity-code";
import { describeUploadQuota, UploadQuotaError, withinUploadQuota } from "@/lib/uploads/upload-quota";
import { saveUpload, uploadDir } from "@/lib/uploads/upload-store";
import { mailboxFailure, type ReadResult } from "./read-result";

/** The composer's URL parameters: a draft to continue, or the message to reply to or forward ("INBOX:42"). */
export interface ComposeParams {
  draft?: string;
  mid?: string;
  reply?: string;
  replyAll?: string;
  forward?: string;
  forwardAsAttachment?: string;
}

/** Everything the composer opens with. */
export interface ComposeSetup {
  start: ComposeStart & { messageId: string };
  /** `deliverabilityWarning`: why mail from it through the saved relay is likely rejected, when its last check was red. */
  identities: { email: string; displayName: string; isDefault: boolean; signatureHtml: string; deliverabilityWarning?: string }[];
  companyDomains: string[];
  limits: { attachmentBytes: number; messageBytes: number };
  /** The draft's last Send: on its way, sent, or failed (not when it was undone). */
  pendingSend: SendStatus | null;
}

const DRAFT_LOOKUPS = 4;
const DRAFT_LOOKUP_PAUSE_MS = 500;
const MODES: ComposeMode[] = ["reply", "replyAll", "forward", "forwardAsAttachment"];

const EMPTY: Omit<ComposeStart, "messageId"> = {
  from: null,
  to: "",
  cc: "",
  bcc: "",
  subject: "",
  html: "",
  text: "",
  plainText: false,
  attachments: [],
  inReplyTo: null,
  references: [],
  origin: null,
};

/** The attribution and forward headings in the sender's language, dates in their time zone. */
async function quoteWording(): Promise<QuoteWording> {
  const t = await getTranslations("compose.quote");
  const format = await getFormatter();
  const date = (value: Date) => format.dateTime(value, { dateStyle: "medium", timeStyle: "short" });
  return {
    attribution: (from, sent) => (sent ? t("wrote", { date: date(sent), from }) : t("wroteUndated", { from })),
    date,
    forwardHeading: t("forwardHeading"),
    fields: { from: t("from"), date: t("date"), subject: t("subject"), to: t("to"), cc: t("cc") },
  };
}

/** "INBOX:42" → folder and UID (folder names may themselves hold ":"). */
function parseOriginal(value: string): { folder: string; uid: number } | null {
  const colon = value.lastIndexOf(":");
  const uid = Number(value.slice(colon + 1));
  if (colon < 1 || !Number.isInteger(uid) || uid < 1) return null;
  return { folder: value.slice(0, colon), uid };
}

/**
 * The draft with this Message-ID, if it was saved. Its last save may still be on its way (a beacon
 * sent as the page was left), so it is looked for a few times before the composer starts without it.
 */
async function findDraftStart(client: ImapFlow, messageId: string, context: StartContext): Promise<ComposeStart | null> {
  for (let attempt = 0; attempt < DRAFT_LOOKUPS; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, DRAFT_LOOKUP_PAUSE_MS));
    if (await newestDraftUid(client, messageId)) return startFromDraft(client, { messageId }, context);
  }
  return null;
}

async function loadStart(session: CurrentSession, params: ComposeParams, mid: string | undefined, context: StartContext): Promise<ComposeStart | null> {
  const mode = MODES.find((candidate) => params[candidate]);
  const original = mode ? parseOriginal(params[mode] ?? "") : null;
  const uid = Number(params.draft);
  const start = mid ? await withSessionMailbox(session, (client) => findDraftStart(client, mid, context)) : null;
  if (start) return start;
  if (params.draft) return withSessionMailbox(session, (client) => startFromDraft(client, { uid: Number.isInteger(uid) && uid > 0 ? uid : undefined }, context));
  if (mode && original) return withSessionMailbox(session, (client) => startFromOriginal(client, original.folder, original.uid, mode, context));
  if (mode) throw new MessageNotFoundError(params[mode] ?? "", null);
  return null;
}

/** Words a red deliverability result's reasons in the reader's language, one after the other. */
async function deliverabilityWording() {
  const [t, locale] = await Promise.all([getTranslations("deliverability"), getLocale()]);
  return (reasons: DeliverabilityWords[] | undefined) => reasons?.map((reason) => wordDeliverability(t, locale, reason)).join(" ");
}

/** What the composer starts with: a draft, a reply, a forward (its attachments copied to the user's uploads) or nothing. */
export async function readComposeStart(session: CurrentSession, params: ComposeParams): Promise<ReadResult<ComposeSetup>> {
  const db = await database();
  const identities = await sendableIdentities(db, session.userId, session.email, (email) => needsNoConfirmation(email, session.email));
  const { dataDir, limits, allowedDomains, uploadQuota } = env();
  const relay = savedDeliverabilityRelay(await findSmtpRelay(db, session.userId));
  const uploads = uploadDir(dataDir, session.userId);
  const context: StartContext = {
    // Copies of a forwarded message's attachments count against the upload quota like any upload.
    storeAttachment: (file) => withinUploadQuota(uploads, uploadQuota, limits.messageBytes, (maxBytes) => saveUpload(uploads, file, maxBytes)),
    ownAddresses: identities.map((identity) => identity.email),
    quoteWording: await quoteWording(),
  };

  const mid = params.mid && isMessageId(params.mid) ? params.mid : undefined;
  let start: ComposeStart | null;
  try {
    start = await loadStart(session, params, mid, context);
  } catch (error) {
    if (error instanceof MessageNotFoundError) return { ok: false, code: "not-found", error: (await getTranslations("errors"))("messageGone") };
    if (error instanceof UploadQuotaError) return { ok: false, code: "busy", error: describeUploadQuota(error, await getTranslations("errors"), await getLocale()) };
    return mailboxFailure(error);
  }

  const deliverabilityWarnings = redDeliverabilityWarnings(
    session.userId,
    relay,
    identities.map((identity) => identity.email),
  );
  const wordWarning = deliverabilityWarnings.size > 0 ? await deliverabilityWording() : undefined;
  const domain = session.email.slice(session.email.lastIndexOf("@") + 1);
  const messageId = start?.messageId ?? mid ?? `<${randomUUID()}@${domain}>`;
  const sendStatus = await findSendStatus(db, session.userId, messageId);
  let opening = { ...EMPTY, ...start };
  if (!start?.messageId) {
    // A new message, reply or forward starts with the signature of the identity it is sent from.
    const identity = identities.find((candidate) => candidate.email === opening.from?.toLowerCase()) ?? identities.find((candidate) => candidate.isDefault);
    if (identity) opening = { ...opening, ...withSignature({ html: opening.html, text: opening.text }, identity.signatureHtml) };
  }
  return {
    ok: true,
    data: {
      start: { ...opening, messageId },
      identities: identities.map(({ email, displayName, isDefault, signatureHtml }) => ({
        email,
        displayName,
        isDefault,
        signatureHtml,
        deliverabilityWarning: wordWarning?.(deliverabilityWarnings.get(email.toLowerCase())),
      })),
      companyDomains: allowedDomains.length > 0 ? allowedDomains : [domain],
      limits,
      pendingSend: sendStatus && sendStatus.state !== "cancelled" ? sendStatus : null,
    },
  };
}
