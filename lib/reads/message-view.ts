// Server-only (the server-only package is not installed).
import type { CurrentSession } from "@/lib/auth/current-session";
import { frequentContactDomains } from "@/lib/db/contacts";
import { database } from "@/lib/db/database";
import { isSenderAllowed } from "@/lib/db/remote-content";
import type { AfterMove } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { findConversation } from "@/lib/mail/imap/threads";
import { withMessage, type MessageTarget } from "./open-message";
import { linkWarningWords } from "./link-warning-words";
import type { ReadResult } from "./read-result";
import { loadRenderedMessage, type RenderedView } from "./rendered-message";
import { readUserSettings } from "./user-settings";

export interface MessageViewPage {
  /** The opened message alone, or its conversation oldest first (the opened one among them). */
  entries: RenderedView[];
  markReadOnOpen: boolean;
  conversationView: boolean;
  /** After Archive/Delete/Move: open the next message of the list, or go back to the list. */
  afterMove: AfterMove;
}

// A very long conversation shows its latest messages around the opened one.
const MAX_CONVERSATION = 30;

/**
 * The message page: the message, or its whole conversation when the reader reads in conversations.
 * Each body is sanitised here once, also for its frame. Nothing is changed: marking read and
 * learning the sender happen when the page is shown (MessageOpened), so a prefetch changes nothing;
 * the opened message is already shown as read when the reader wants that.
 */
export async function readMessageView(session: CurrentSession, target: MessageTarget): Promise<ReadResult<MessageViewPage>> {
  const db = await database();
  const settings = await readUserSettings(session.userId);
  const remoteAllowed = (sender: string) => isSenderAllowed(db, session.userId, sender);
  const linkWarnings = await linkWarningWords();
  const ownDomain = session.email.slice(session.email.lastIndexOf("@") + 1);
  const senderContext = { authservId: env().authservId, knownDomains: [ownDomain, ...(await frequentContactDomains(db, session.userId))] };
  const result = await withMessage(session, target, async (client) => {
    // Read-only: the screen marks it read once it is shown (lib/actions/message-opened.ts), never this GET.
    const loading = loadRenderedMessage(session, client, target, { markRead: false, remoteAllowed, linkWarnings, senderContext });
    // Asked right after the message's FETCH (its mailbox lock is queued first), so the
    // conversation's round trips run while the message is parsed and sanitised in the render
    // worker, instead of after it.
    const conversation = settings.conversationView ? findConversation(client, target.folder, target.uid).catch(() => []) : Promise.resolve([]);
    const loaded = await loading.catch(async (error: unknown) => {
      await conversation;
      throw error;
    });
    const opened = settings.markReadOnOpen ? { ...loaded, message: { ...loaded.message, unread: false } } : loaded;
    const members = await conversation;
    if (members.length <= 1) return { opened, entries: [opened] };
    const entries: RenderedView[] = [];
    for (const member of members.slice(-MAX_CONVERSATION)) {
      if (member.folder === target.folder && member.uid === target.uid) entries.push(opened);
      else {
        const other = await loadRenderedMessage(session, client, member, { markRead: false, remoteAllowed, linkWarnings, senderContext }).catch(() => null);
        if (other) entries.push(other);
      }
    }
    return { opened, entries: entries.includes(opened) ? entries : [opened] };
  });
  if (!result.ok) return result;
  return { ok: true, data: { entries: result.data.entries, markReadOnOpen: settings.markReadOnOpen, conversationView: settings.conversationView, afterMove: settings.afterMove } };
}
