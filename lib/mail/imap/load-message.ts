import type { ImapFlow } from "imapflow";
import { listAttachments, type AttachmentInfo } from "../message/parts";
import type { HeaderField, InlineImage, Mailbox, ParsedMessage } from "../message/parse";
import { unrenderedMessage, type RenderedMessage } from "../message/body";
import { loadedMessage } from "../message/loaded";
import { openMessageOffThread } from "../message/render-jobs";
import type { LinkWarningWords } from "../sanitize/link-hosts";
import { isMissingMailboxError } from "./missing-mailbox";
import { atom, attributeText, bodyRange, runRawCommand, sequence } from "./raw-command";
import { summaryHeaders } from "./summary-headers";

/**
 * The message (or its folder) is gone: expunged or moved since it was listed. Thrown by every read
 * of one message (reader, download, reply/forward, draft); the reader's words are made where it is caught.
 */
export class MessageNotFoundError extends Error {
  constructor(
    readonly folder: string,
    /** Null when the message was looked for by something else (a draft's Message-ID). */
    readonly uid: number | null,
  ) {
    super(`Message ${uid ?? "?"} in ${folder} is gone`);
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

/** What the IMAP server says of a message, beside its source: the rest of a LoadedMessage comes from parsing it. */
export type ServerFields = Pick<LoadedMessage, "folder" | "uidValidity" | "uid" | "wasUnread" | "unread" | "flagged" | "size" | "truncated"> & {
  /** ISO 8601: when it arrived (the date shown when it has no usable Date header). */
  arrived: string;
};

// Text and inline images sit near the start of a message; huge attachments are downloaded on their own.
const MAX_PARSED_BYTES = 12 * 1024 * 1024;

/**
 * Fetches one message by UID and renders it for the reader (see openMessageOffThread: parsed and
 * rendered in one render-worker job, so its body crosses between threads once, moved, not copied).
 * `allowRemote` decides from the sender, once parsed, whether remote content is loaded. Throws
 * MessageNotFoundError when the message no longer exists; a body that cannot be rendered comes
 * back as a notice.
 */
export async function fetchRenderedMessage(
  client: ImapFlow,
  folder: string,
  uid: number,
  options: { markRead: boolean; allowRemote: (sender: string) => Promise<boolean>; linkWarnings: LinkWarningWords },
): Promise<{ rendered: RenderedMessage; allowRemote: boolean }> {
  const { server, source, serverAttachments } = await fetchMessage(client, folder, uid, options);
  const opened = await openMessageOffThread(source, server, serverAttachments, options.allowRemote, options.linkWarnings);
  if (opened) return opened;
  // Not even parsed (too slow, too big): its attachments, as the server lists them, and a notice.
  const unreadable = loadedMessage(server, UNREADABLE, serverAttachments ?? (await attachmentsFromServer(client, folder, uid)));
  return { rendered: unrenderedMessage(unreadable, "unreadable"), allowRemote: false };
}

/**
 * The FETCH of one message (its mailbox locked only for it), marking it read when asked. The source
 * comes in pieces of PIECE_BYTES, asked for in the same FETCH: imapflow joins each literal into one
 * new Buffer on the request thread, and joining a 7 MB one held it for 50 to 300 ms here (fresh
 * memory), while pieces are joined one at a time between other requests. No BODYSTRUCTURE:
 * imapflow tokenises it on the request thread too (a message of thousands of parts held it for
 * hundreds of milliseconds); the render worker reads the parts from the source, unless the source
 * was cut short (`serverAttachments` then lists them).
 */
async function fetchMessage(
  client: ImapFlow,
  folder: string,
  uid: number,
  options: { markRead: boolean },
): Promise<{ server: ServerFields; source: Buffer[]; serverAttachments: AttachmentInfo[] | null }> {
  const lock = await client.getMailboxLock(folder);
  try {
    let fetched: FetchedItems | null = null;
    const items = [atom("UID"), atom("FLAGS"), atom("INTERNALDATE"), atom("RFC822.SIZE"), ...SOURCE_PIECES.map((start) => bodyRange(start, PIECE_BYTES))];
    await runRawCommand(client, "UID FETCH", [sequence(String(uid)), items], "FETCH", (attributes) => {
      const read = fetchedItems(attributes);
      if (read?.uid === uid) fetched = read;
    });
    const message = fetched as FetchedItems | null;
    if (!message) throw new MessageNotFoundError(folder, uid);
    const size = message.size ?? message.source.reduce((total, piece) => total + piece.length, 0);
    const truncated = size > MAX_PARSED_BYTES;
    const wasUnread = !message.flags.has("\\Seen");
    if (options.markRead && wasUnread) await client.messageFlagsAdd(String(uid), ["\\Seen"], { uid: true });
    const server: ServerFields = {
      folder,
      uidValidity: client.mailbox ? String(client.mailbox.uidValidity) : "",
      uid,
      wasUnread,
      unread: wasUnread && !options.markRead,
      flagged: message.flags.has("\\Flagged"),
      size,
      truncated,
      arrived: message.arrived,
    };
    return { server, source: message.source, serverAttachments: truncated ? await serverAttachmentList(client, uid) : null };
  } catch (error) {
    if (isMissingMailboxError(error)) throw new MessageNotFoundError(folder, uid);
    throw error;
  } finally {
    lock.release();
  }
}

// 48 pieces of 256 KB: MAX_PARSED_BYTES. Pieces past the end of a message come back empty.
const PIECE_BYTES = 256 * 1024;
const SOURCE_PIECES = Array.from({ length: MAX_PARSED_BYTES / PIECE_BYTES }, (_, index) => index * PIECE_BYTES);

interface FetchedItems {
  uid: number;
  flags: Set<string>;
  size: number | null;
  arrived: string;
  /** The source's pieces in order (the empty ones past its end left out). */
  source: Buffer[];
}

/** The items of one untagged FETCH response ("* n FETCH (UID u FLAGS (...) ... BODY[]<0> {...} ...)"). */
function fetchedItems(attributes: unknown[]): FetchedItems | null {
  const items = attributes[1];
  if (!Array.isArray(items)) return null;
  const result: FetchedItems = { uid: 0, flags: new Set(), size: null, arrived: new Date(0).toISOString(), source: [] };
  const pieces: { start: number; bytes: Buffer }[] = [];
  for (let index = 0; index + 1 < items.length; index += 2) {
    const key = items[index] as { value?: unknown; partial?: unknown[] };
    const value: unknown = items[index + 1];
    const name = attributeText(key).toUpperCase();
    if (name === "UID") result.uid = Number.parseInt(attributeText(value), 10);
    else if (name === "FLAGS" && Array.isArray(value)) result.flags = new Set(value.map((flag) => attributeText(flag)));
    else if (name === "RFC822.SIZE") result.size = Number.parseInt(attributeText(value), 10);
    else if (name === "INTERNALDATE") {
      const arrived = new Date(attributeText(value));
      if (!Number.isNaN(arrived.getTime())) result.arrived = arrived.toISOString();
    } else if (name === "BODY" && Array.isArray(key.partial)) {
      const bytes = (value as { value?: unknown } | null)?.value;
      if (Buffer.isBuffer(bytes) && bytes.length > 0) pieces.push({ start: Number(key.partial[0]) || 0, bytes });
    }
  }
  result.source = pieces.sort((a, b) => a.start - b.start).map((piece) => piece.bytes);
  return result;
}

/** The attachments as the server's BODYSTRUCTURE lists them (for a message whose source could not be read). */
async function attachmentsFromServer(client: ImapFlow, folder: string, uid: number): Promise<AttachmentInfo[]> {
  const lock = await client.getMailboxLock(folder);
  try {
    return await serverAttachmentList(client, uid);
  } catch (error) {
    if (isMissingMailboxError(error)) throw new MessageNotFoundError(folder, uid);
    throw error;
  } finally {
    lock.release();
  }
}

async function serverAttachmentList(client: ImapFlow, uid: number): Promise<AttachmentInfo[]> {
  const fetched = await client.fetchOne(String(uid), { uid: true, bodyStructure: true }, { uid: true });
  return fetched && fetched.bodyStructure ? listAttachments(fetched.bodyStructure) : [];
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
  attachments: [],
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
    const fetched = await client.fetchOne(String(uid), { uid: true, flags: true, headers: ["from"] }, { uid: true });
    if (!fetched) throw new MessageNotFoundError(folder, uid);
    const markedRead = options.markRead && !fetched.flags?.has("\\Seen");
    if (markedRead) await client.messageFlagsAdd(String(uid), ["\\Seen"], { uid: true });
    const sender = summaryHeaders(fetched.headers).from;
    return { from: sender?.address ? sender : null, markedRead };
  } finally {
    lock.release();
  }
}
