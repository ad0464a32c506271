// Server-only (the server-only package is not installed).
import type { ImapFlow } from "imapflow";
import type { CurrentSession } from "@/lib/auth/current-session";
import { fetchRenderedMessage } from "@/lib/mail/imap/load-message";
import type { MessageViewData } from "@/lib/mail/message/body";
import type { LinkWarningWords } from "@/lib/mail/sanitize/link-hosts";
import { messageFrameCache } from "./message-frame-cache";
import { senderVerdict, type SenderContext, type SenderVerdictView } from "./sender-verdict";

export interface RenderedView {
  message: MessageViewData;
  /** The user always loads remote content from this sender. */
  remoteAllowed: boolean;
  /** The company server's SPF/DKIM/DMARC verdict and warnings about the sender (not for printing). */
  sender?: SenderVerdictView;
}

/**
 * Loads, parses and sanitises one message for a view (parsing and sanitising in a render worker,
 * bounded in time and memory), and keeps its sanitised HTML for the frame that shows it, so the
 * frame's request does not load and sanitise it again. A body that cannot be rendered comes back
 * as a notice with the message's text; only a failing IMAP server or a vanished message throws.
 */
export async function loadRenderedMessage(
  session: CurrentSession,
  client: ImapFlow,
  target: { folder: string; uid: number },
  options: {
    markRead: boolean;
    remoteAllowed: (sender: string) => Promise<boolean>;
    /** From linkWarningWords(), asked before the mailbox is: the FETCH must be queued first. */
    linkWarnings: LinkWarningWords;
    senderContext?: SenderContext;
  },
): Promise<RenderedView> {
  const { rendered, allowRemote: remoteAllowed } = await fetchRenderedMessage(client, target.folder, target.uid, {
    markRead: options.markRead,
    allowRemote: options.remoteAllowed,
    linkWarnings: options.linkWarnings,
  });
  if (rendered.frameDocument !== null) {
    const key = { sessionId: session.sessionId, folder: target.folder, uidValidity: rendered.view.uidValidity, uid: target.uid, allowRemote: remoteAllowed };
    messageFrameCache().set(key, rendered.frameDocument);
  }
  const sender = options.senderContext ? senderVerdict(rendered.view, options.senderContext) : undefined;
  return { message: rendered.view, remoteAllowed, sender };
}
