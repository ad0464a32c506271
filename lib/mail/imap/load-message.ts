import type { ImapFlow } from "imapflow";
import { withoutBidiControls } from "../message/bidi-controls";
import { listAttachments, type AttachmentInfo } from "../message/parts";
import type { HeaderField, InlineImage, Mailbox, ParsedMessage } from "../message/parse";
import { parseMessageOffThread } from "../message/render-jobs";
import { isMissingMailboxError } from "./missing-mailbox";

/**
 * The message (or its folder) is gone: expunged or moved since it was listed. Thrown by every read
 * of one message (reader, download, reply/forward, draft); `message` is plain words a user can be shown.
 */
export class MessageNotFoundError extends Error {
  constructor(
    readonly folder: string,
    /** Null when the message was looked for by something else (a draft's Message-ID). */
    readonly uid: number | null,
  ) {
    super("The message is no longer there. It may have been moved or deleted.");
    this.name = "MessageNotFoundError";
  }
}

export interface LoadedMessage {
  folder: string;
  /** The folder's UIDVALIDITY when loaded: with folder and UID it names this very message. */
  uidValidity: string;
  uid: number;
  subject: string;
  from: Mailbox[];
  to: Mailbox[];
  cc: Mailbox[];
  replyTo: Mailbox[];
  /** ISO 8601: the Date header, else the arrival time. */
  date: string;
  messageId: string | null;
  headers: HeaderField[];
  /** Unread before this load marked it read (if it did). */
  wasUnread: boolean;
  unread: boolean;
  flagged: boolean;
  size: number;
  html: string | null;
  text: string | null;
  /** True when the message could not be parsed in time: it has no headers or body to show, only its attachments. */
  unreadable: boolean;
  /** True when only the first MAX_PARSED_BYTES of a very large message were read. */
  truncated: boolean;
  inlineImages: Map<string, InlineImage>;
  attachments: AttachmentInfo[];
}

// Text and inline images sit near the start of a message; huge attachments are downloaded on their own.
const MAX_PARSED_BYTES = 12 * 1024 * 1024;

/**
 * Fetches one message by UID, decodes it, and marks it read (\Seen) when `markRead` is set.
 * Throws MessageNotFoundError when the message no longer exists.
 */
export async function loadMessage(client: ImapFlow, folder: string, uid: number, options: { markRead: boolean }): Promise<LoadedMessage> {
  const lock = await client.getMailboxLock(folder);
  try {
    const fetched = await client.fetchOne(
      String(uid),
      { uid: true, flags: true, bodyStructure: true, internalDate: true, size: true, source: { maxLength: MAX_PARSED_BYTES } },
      { uid: true },
    );
    if (!fetched || !fetched.source) throw new MessageNotFoundError(folder, uid);
    // Parsed in a render worker; a message that cannot be parsed there (too slow, too big) is shown as unreadable.
    const parsed = await parseMessageOffThread(fetched.source).catch(() => null);
    const uidValidity = client.mailbox ? String(client.mailbox.uidValidity) : "";
    const wasUnread = !fetched.flags?.has("\\Seen");
    let unread = wasUnread;
    if (options.markRead && wasUnread) {
      await client.messageFlagsAdd(String(uid), ["\\Seen"], { uid: true });
      unread = false;
    }
    const content = parsed ?? UNREADABLE;
    const arrived = fetched.internalDate ? new Date(fetched.internalDate) : new Date(0);
    return {
      folder,
      uidValidity,
      uid,
      subject: content.subject,
      from: content.from,
      to: content.to,
      cc: content.cc,
      replyTo: content.replyTo,
      date: content.date ?? (Number.isNaN(arrived.getTime()) ? new Date(0).toISOString() : arrived.toISOString()),
      messageId: content.messageId,
      headers: content.headers,
      wasUnread,
      unread,
      flagged: Boolean(fetched.flags?.has("\\Flagged")),
      size: fetched.size ?? fetched.source.length,
      html: content.html,
      text: content.text,
      truncated: (fetched.size ?? 0) > MAX_PARSED_BYTES,
      unreadable: content.unreadable,
      inlineImages: content.inlineImages,
      attachments: fetched.bodyStructure ? listAttachments(fetched.bodyStructure) : [],
    };
  } catch (error) {
    if (isMissingMailboxError(error)) throw new MessageNotFoundError(folder, uid);
    throw error;
  } finally {
    lock.release();
  }
}

const UNREADABLE: ParsedMessage = {
  subject: "",
  from: [],
  to: [],
  cc: [],
  replyTo: [],
  date: null,
  messageId: null,
  headers: [],
  html: null,
  text: null,
  inlineImages: new Map(),
  unreadable: true,
};

/**
 * What the reader's screen does once it has shown a message (never the page's GET, which a
 * prefetch or a link scanner may make): marks it read when `markRead` is set and it is unread,
 * and says who sent it. Throws MessageNotFoundError when the message no longer exists.
 */
export async function markMessageOpened(client: ImapFlow, folder: string, uid: number, options: { markRead: boolean }): Promise<{ from: Mailbox | null; markedRead: boolean }> {
  const lock = await client.getMailboxLock(folder);
  try {
    const fetched = await client.fetchOne(String(uid), { uid: true, flags: true, envelope: true }, { uid: true });
    if (!fetched) throw new MessageNotFoundError(folder, uid);
    const markedRead = options.markRead && !fetched.flags?.has("\\Seen");
    if (markedRead) await client.messageFlagsAdd(String(uid), ["\\Seen"], { uid: true });
    const sender = fetched.envelope?.from?.[0];
    return { from: sender?.address ? { name: withoutBidiControls(sender.name ?? ""), address: sender.address } : null, markedRead };
  } finally {
    lock.release();
  }
}
