import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import { describeMailboxError } from "@/lib/auth/mailbox-error";
import { chosenFoldersOfUser } from "@/lib/auth/chosen-folders";
import { imapPool } from "@/lib/auth/imap-pool-instance";
import type { Database } from "@/lib/db/client";
import { recordContacts } from "@/lib/db/contacts";
import { sendableIdentities } from "@/lib/db/identities";
import { getUserLanguage } from "@/lib/db/user-settings";
import { claimDueSends, failLapsedSends, settlePendingSend, type SendOutcome } from "@/lib/db/pending-sends";
import type { PendingSend } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { catalogueTranslator } from "@/lib/i18n/catalogue-translator";
import { DEFAULT_LOCALE, LOCALES, type Locale } from "@/lib/i18n/locales";
import { MessageInputError } from "@/lib/mail/compose/build-message";
import type { MailboxCredentials } from "@/lib/mail/imap/connect";
import type { SendingWords } from "@/lib/mail/sending-words";
import { setChosenFolderSource } from "@/lib/mail/imap/special-folders";
import { describeSendFailure, sendDraft, SendError, type SentMessage } from "@/lib/mail/smtp/send-message";
import type { RelayConfig, RelayTransport } from "@/lib/mail/smtp/transport";
import { deleteUploads, uploadDir } from "@/lib/uploads/upload-store";
import { openRelayTransport, RelaySettingsError, resolveRelayForUser } from "./relay-policy";
import { openSendCredentials } from "./send-credentials";
import { needsNoConfirmation } from "./send-identity-code";

/**
 * Sending what is due (pending_sends): claim atomically, send the draft from the user's Drafts with
 * the sealed login, settle the row with the outcome. Any instance may do it, for any user; the
 * claim makes sure only one does it for a given message.
 */

/** This server process, as it signs its claims. */
export const SEND_INSTANCE_ID = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

/** How long a claim holds; an instance that stopped mid-send leaves its row to be settled as failed after this. */
const LEASE_MS = 5 * 60_000;

function failed(error: string): SendOutcome {
  return { state: "failed", error };
}

/**
 * The outcome is stored in words, made here without a request: in the sender's language setting,
 * or the default language when it follows the browser (there is no browser to ask).
 */
async function sendersLocale(db: Database, userId: string): Promise<Locale> {
  const setting = await getUserLanguage(db, userId);
  return setting === "auto" ? DEFAULT_LOCALE : setting;
}

/** The words of the send outcome, in the sender's language. */
async function outcomeWording(db: Database, userId: string) {
  const locale = await sendersLocale(db, userId);
  const [t, errors] = await Promise.all([catalogueTranslator("sending", locale), catalogueTranslator("errors", locale)]);
  return {
    t,
    mailbox: (error: unknown) => t("scheduled.notSentBecause", { reason: describeMailboxError(error, errors) }),
    words: (words: SendingWords) => t(words.key, words.values),
  };
}

/** "Mailroom stopped while sending…" in each language, for failLapsedSends (a sender who follows the browser gets the default). */
async function lapsedWords(): Promise<{ fallback: string; byLanguage: Record<string, string> }> {
  const byLanguage: Record<string, string> = {};
  for (const locale of LOCALES) byLanguage[locale] = (await catalogueTranslator("sending", locale))("scheduled.lapsed");
  return { fallback: byLanguage[DEFAULT_LOCALE]!, byLanguage };
}

/** Claims and sends everything due (up to `limit` at a time); returns how many it claimed. */
export async function runDueSends(db: Database, instanceId = SEND_INSTANCE_ID, limit = 10): Promise<number> {
  // Any user's row may have lapsed: the words in every language, each row gets its sender's.
  await failLapsedSends(db, await lapsedWords());
  const claimed = await claimDueSends(db, instanceId, { leaseMs: LEASE_MS, limit });
  await Promise.all(claimed.map((row) => deliverClaimedSend(db, row, instanceId)));
  return claimed.length;
}

/** Sends one user's message now if it is due and nobody claimed it yet; undefined when it was not this call's to send. */
export async function sendNowIfDue(db: Database, userId: string, messageId: string, instanceId = SEND_INSTANCE_ID): Promise<SendOutcome | undefined> {
  const [row] = await claimDueSends(db, instanceId, { leaseMs: LEASE_MS, limit: 1, only: { userId, messageId } });
  return row ? deliverClaimedSend(db, row, instanceId) : undefined;
}

/** Sends a claimed row and records the outcome. Never throws: whatever happens ends up in the row. */
export async function deliverClaimedSend(db: Database, row: PendingSend, instanceId: string): Promise<SendOutcome> {
  let outcome: SendOutcome;
  try {
    outcome = await deliver(db, row);
  } catch (error) {
    console.error(`A scheduled send failed unexpectedly: ${(error as Error)?.name ?? "error"}`);
    outcome = failed((await outcomeWording(db, row.userId)).mailbox(error));
  }
  await settlePendingSend(db, row.id, instanceId, outcome);
  return outcome;
}

async function deliver(db: Database, row: PendingSend): Promise<SendOutcome> {
  const wording = await outcomeWording(db, row.userId);
  const { t } = wording;
  let credentials: MailboxCredentials;
  try {
    if (!row.sealedCredentials) throw new Error("no sealed login");
    credentials = openSendCredentials(row.sealedCredentials, row.userId, row.messageId);
  } catch {
    return failed(t("scheduled.signInLost"));
  }
  const user = { userId: row.userId, imapCredentials: () => credentials };
  const identities = await sendableIdentities(db, row.userId, credentials.user, (email) => needsNoConfirmation(email, credentials.user));
  let relay: RelayConfig;
  try {
    relay = await resolveRelayForUser(db, user);
  } catch (error) {
    if (error instanceof RelaySettingsError) return failed(t("scheduled.mustFix", { reason: t(`relay.${error.problem}`) }));
    throw error;
  }
  let transport: RelayTransport;
  try {
    transport = await openRelayTransport(relay);
  } catch (error) {
    return failed(t("scheduled.failed", { reason: wording.words(describeSendFailure(error, relay).words) }));
  }
  let sent: SentMessage;
  try {
    // The user's own outgoing connection, pooled like a session's and closed when idle.
    sent = await imapPool().run(`outbox:${row.userId}`, credentials, async (client) => {
      // The draft was saved over another connection: NOOP first, so a mailbox this one still has
      // selected learns of it (a server reports new messages to a connection only between commands).
      await client.noop();
      // Drafts and Sent where the user chose them by hand, as on their sessions' connections, read
      // from the database this send runs against (not whichever one the process opened first).
      setChosenFolderSource(client, () => chosenFoldersOfUser(db, row.userId));
      return sendDraft(client, {
        messageId: row.messageId,
        transport,
        relay,
        allowedFrom: identities.map((identity) => identity.email),
        allowedReplyTo: identities.flatMap((identity) => (identity.replyTo ? [identity.replyTo] : [])),
        saveSentCopy: relay.saveSentCopy,
      });
    });
  } catch (error) {
    // A draft no longer in Drafts says itself that nothing was sent.
    if (error instanceof SendError) return failed(error.kind === "draft-missing" ? wording.words(error.words) : t("scheduled.failed", { reason: wording.words(error.words) }));
    if (error instanceof MessageInputError) return failed(t("scheduled.mustFix", { reason: wording.words(error.words) }));
    return failed(wording.mailbox(error));
  } finally {
    transport.close();
  }
  await afterSending("record the recipients as contacts", () => recordContacts(db, row.userId, sent.recipients));
  await afterSending("delete the sent message's uploads", () => deleteUploads(uploadDir(env().dataDir, row.userId), row.attachmentIds));
  const warnings = [
    ...(sent.refused.length > 0 ? [t("scheduled.someRefused", { recipients: sent.refused.join(", ") })] : []),
    ...(sent.draftDeleted ? [] : [t("scheduled.draftKept")]),
  ];
  const warning = warnings.length > 0 ? warnings.join(" ") : null;
  return { state: "sent", sentCopySaved: sent.sentCopySaved, warning };
}

/** Housekeeping after the message went out: a failure is logged, never reported as a failed send. */
async function afterSending(step: string, run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (error) {
    console.error(`Sent, but could not ${step}: ${(error as Error)?.name ?? "error"}`);
  }
}
