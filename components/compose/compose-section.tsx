import { randomUUID } from "node:crypto";
import { requireSession } from "@/lib/auth/current-session";
import { describeMailboxError } from "@/lib/auth/mailbox-error";
import { withSessionMailbox } from "@/lib/auth/session-mailbox";
import { database } from "@/lib/db/database";
import { listIdentities } from "@/lib/db/identities";
import { findUndoSendSeconds } from "@/lib/db/undo-send-delay";
import { env } from "@/lib/env";
import type { ImapFlow } from "imapflow";
import { OriginalNotFoundError, startFromDraft, startFromOriginal, type ComposeMode, type ComposeStart, type StartContext } from "@/lib/mail/compose/compose-start";
import { newestDraftUid } from "@/lib/mail/compose/drafts";
import { isMessageId } from "@/lib/mail/compose/build-message";
import { removeStaleUploads, uploadDir } from "@/lib/uploads/upload-store";
import { Composer } from "./composer";
import { withSignature } from "@/lib/mail/compose/signature";

export interface ComposeParams {
  draft?: string;
  mid?: string;
  reply?: string;
  replyAll?: string;
  forward?: string;
  forwardAsAttachment?: string;
}

const STALE_UPLOAD_MS = 24 * 60 * 60 * 1000;
const DRAFT_LOOKUPS = 4;
const DRAFT_LOOKUP_PAUSE_MS = 500;
const MODES: ComposeMode[] = ["reply", "replyAll", "forward", "forwardAsAttachment"];

/** "INBOX:42" → folder and UID (folder names may themselves hold ":"). */
function parseOriginal(value: string): { folder: string; uid: number } | null {
  const colon = value.lastIndexOf(":");
  const uid = Number(value.slice(colon + 1));
  if (colon < 1 || !Number.isInteger(uid) || uid < 1) return null;
  return { folder: value.slice(0, colon), uid };
}

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

/** Loads what the composer starts with (a draft, a reply, a forward or nothing) and renders it. */
export async function ComposeSection({ params }: { params: ComposeParams }) {
  const session = await requireSession();
  const db = await database();
  const [identities, undoSendSeconds] = await Promise.all([listIdentities(db, session.userId, session.email), findUndoSendSeconds(db, session.userId)]);
  const { dataDir, limits, allowedDomains } = env();
  const context = {
    uploadDir: uploadDir(dataDir, session.userId),
    maxAttachmentBytes: limits.messageBytes,
    ownAddresses: identities.map((identity) => identity.email),
  };

  // Copies of attachments made for compositions that were abandoned.
  void removeStaleUploads(context.uploadDir, STALE_UPLOAD_MS);
  let start: ComposeStart | null = null;
  const mid = params.mid && isMessageId(params.mid) ? params.mid : undefined;
  try {
    const mode = MODES.find((candidate) => params[candidate]);
    const original = mode ? parseOriginal(params[mode] ?? "") : null;
    const uid = Number(params.draft);
    if (mid) start = await withSessionMailbox(session, (client) => findDraftStart(client, mid, context));
    if (!start && params.draft) {
      start = await withSessionMailbox(session, (client) => startFromDraft(client, { uid: Number.isInteger(uid) && uid > 0 ? uid : undefined }, context));
    } else if (!start && mode && original) {
      start = await withSessionMailbox(session, (client) => startFromOriginal(client, original.folder, original.uid, mode, context));
    } else if (!start && mode) {
      throw new OriginalNotFoundError();
    }
  } catch (error) {
    const message = error instanceof OriginalNotFoundError ? error.message : describeMailboxError(error);
    return (
      <p role="alert" className="m-6 rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-800">
        {message}
      </p>
    );
  }

  const domain = session.email.slice(session.email.lastIndexOf("@") + 1);
  const messageId = start?.messageId ?? mid ?? `<${randomUUID()}@${domain}>`;
  let opening = { ...EMPTY, ...start };
  const continuingDraft = Boolean(start?.messageId);
  if (!continuingDraft) {
    // A new message, reply or forward starts with the signature of the identity it is sent from.
    const identity = identities.find((candidate) => candidate.email === opening.from?.toLowerCase()) ?? identities.find((candidate) => candidate.isDefault);
    if (identity) opening = { ...opening, ...withSignature({ html: opening.html, text: opening.text }, identity.signatureHtml) };
  }
  return (
    <Composer
      start={{ ...opening, messageId }}
      identities={identities.map(({ email, displayName, isDefault }) => ({ email, displayName, isDefault }))}
      undoSendSeconds={undoSendSeconds}
      companyDomains={allowedDomains.length > 0 ? allowedDomains : [domain]}
      limits={limits}
    />
  );
}
