import type { ImapFlow, SearchObject } from "imapflow";
import { fetchSummaries, lockUpToDate, type MessageSummary } from "./message-list";
import { atom, attributeText, runRawCommand } from "./raw-command";
import { THREAD_HEADER_FIELDS, summaryHeaders } from "./summary-headers";

export interface ConversationSummary {
  /** The newest message of the conversation in this folder: the row shows it. */
  latest: MessageSummary;
  /** Messages of the conversation in this folder. */
  count: number;
  unread: number;
  uids: number[];
}

export interface ConversationPage {
  folder: string;
  /** Conversations in the folder ("thread"), or messages in the folder ("window", see below). */
  total: number;
  page: number;
  pageSize: number;
  conversations: ConversationSummary[];
  /**
   * "thread": the server threads the whole folder (THREAD=REFS or REFERENCES) once per folder state;
   * "window": the server can't thread, so Mailroom groups the messages of the page's own
   * arrival window by References / In-Reply-To / subject, and pages by messages.
   */
  method: "thread" | "window";
}

interface ThreadIndex {
  key: string;
  /** Each thread's UIDs, threads ordered by their newest UID, newest first. */
  threads: number[][];
  threadOf: Map<number, number>;
}

// THREAD over a large folder costs the server real work, so its answer is kept per connection
// (a connection belongs to exactly one session, hence one user: never shared across users) and
// per folder state (UIDVALIDITY, UIDNEXT, EXISTS): new or removed mail makes a fresh one.
const threadCache = new WeakMap<ImapFlow, Map<string, ThreadIndex>>();
const CACHED_FOLDERS_PER_CONNECTION = 4;

/** Whether the server threads for us; the fallback groups in Mailroom. */
export function canThreadOnServer(client: ImapFlow): boolean {
  return serverThreadAlgorithm(client) !== null;
}

/**
 * REFS (Dovecot, draft-ietf-morg-inthread) links by References / In-Reply-To only; REFERENCES
 * (RFC 5256) also merges unrelated threads that share a subject, which turns "Weekly report"
 * into one giant conversation. Prefer REFS, take REFERENCES otherwise.
 */
function serverThreadAlgorithm(client: ImapFlow): "REFS" | "REFERENCES" | null {
  if (client.capabilities.has("THREAD=REFS")) return "REFS";
  if (client.capabilities.has("THREAD=REFERENCES")) return "REFERENCES";
  return null;
}

/** A page of conversations of a folder, newest activity first. */
export async function listConversationPage(client: ImapFlow, folder: string, request: { page: number; pageSize: number }): Promise<ConversationPage> {
  const { page, pageSize } = request;
  const lock = await lockUpToDate(client, folder);
  try {
    if (!canThreadOnServer(client)) return await windowConversations(client, folder, page, pageSize);
    const index = await threadIndex(client, folder);
    const slice = index.threads.slice(page * pageSize, (page + 1) * pageSize);
    const latest = await fetchSummaries(
      client,
      slice.map((uids) => uids[0]!),
    );
    const latestByUid = new Map(latest.map((message) => [message.uid, message]));
    const unreadByUid = await unreadSet(
      client,
      slice.flatMap((uids) => uids.slice(0, MAX_COUNTED_PER_THREAD)),
    );
    const conversations = slice.flatMap((uids) => {
      const row = latestByUid.get(uids[0]!);
      return row ? [{ latest: row, count: uids.length, unread: uids.filter((uid) => unreadByUid.has(uid)).length, uids }] : [];
    });
    return { folder, total: index.threads.length, page, pageSize, conversations, method: "thread" };
  } finally {
    lock.release();
  }
}

/**
 * The conversation of message `uid` in `folder`: that folder's messages of its thread plus the
 * user's own replies from the Sent folder (special-use \Sent), oldest first. Call it without
 * holding a mailbox lock: it takes the locks it needs, one folder at a time.
 *
 * Its cost does not grow with the folders: it never THREADs or SEARCHes a whole folder, only the
 * messages around the opened one in arrival order (CONVERSATION_WINDOW), by the Message-IDs its
 * own headers name, and it leaves the folder selected (Sent is read from a per-connection index
 * of its newest messages, SENT_INDEXED). A member further away than that is not shown.
 */
export async function findConversation(client: ImapFlow, folder: string, uid: number): Promise<{ folder: string; uid: number }[]> {
  const members: Dated[] = [];
  const lock = await client.getMailboxLock(folder);
  try {
    const opened = await client.fetchOne(String(uid), { uid: true, headers: THREAD_HEADER_FIELDS }, { uid: true });
    if (!opened) return [];
    const openedHeaders = summaryHeaders(opened.headers);
    const exists = client.mailbox ? client.mailbox.exists : opened.seq;
    const window = `${Math.max(1, opened.seq - CONVERSATION_WINDOW.before)}:${Math.min(exists, opened.seq + CONVERSATION_WINDOW.after)}`;
    const thread = threadIds(openedHeaders.messageId, openedHeaders.inReplyTo, parseMessageIds(openedHeaders.references));
    const found = thread.length > 0 ? await client.search({ seq: window, or: threadCriteria(thread) }, { uid: true }) : [];
    const uids = Array.isArray(found) && found.includes(uid) ? found : [...(Array.isArray(found) ? found : []), uid];
    members.push(...(await datedMessages(client, folder, uids)));
  } finally {
    lock.release();
  }
  if (members.length === 0) return [];

  const sent = await sentFolderPath(client);
  if (sent && sent !== folder) {
    const ids = new Set(members.map((member) => member.messageId).filter(Boolean));
    if (ids.size > 0) members.push(...(await sentReplies(client, sent, ids)));
  }
  members.sort((a, b) => a.time - b.time || a.uid - b.uid);
  return members.map(({ folder: path, uid: id }) => ({ folder: path, uid: id }));
}

/**
 * How many messages before and after the opened one (in arrival order) are searched for its
 * conversation. Dovecot narrows a SEARCH by a sequence range before it reads any header, so this
 * bounds the work; a date range (SINCE) does not (measured: as slow as the whole folder).
 */
export const CONVERSATION_WINDOW = { before: 2_000, after: 500 };

// The opened message's own references: the root and the nearest ancestors are enough.
const MAX_THREAD_IDS = 12;

/** The Message-IDs that tie a message to its conversation: its root, nearest ancestors and itself. */
function threadIds(messageId: string, inReplyTo: string, references: string[]): string[] {
  const ancestors = [...references, ...parseMessageIds(inReplyTo)];
  const ids = [...ancestors.slice(0, 1), ...ancestors.slice(1).slice(-(MAX_THREAD_IDS - 2)), ...(messageId ? [messageId] : [])];
  return [...new Set(ids)];
}

/**
 * Messages that are one of those ids, or name one of them as parent or reference: the root's
 * whole thread (References starts with the root), the ancestors, and the replies to this message.
 */
function threadCriteria(ids: string[]): SearchObject[] {
  return ids.flatMap((id): SearchObject[] => [{ header: { "message-id": id } }, { header: { references: id } }, { header: { "in-reply-to": id } }]);
}

/**
 * The user's replies are looked for among this many of their newest sent messages, whose ids
 * are kept per connection (one session's) while Sent does not change. Searching Sent itself
 * would SELECT it on every open, and the next open would SELECT the big folder again: on
 * Maildir that costs time in proportion to the folder (0.45 s for 100,000 messages here).
 */
export const SENT_INDEXED = 500;

interface SentEntry extends Dated {
  /** The Message-IDs it replies to or references. */
  links: string[];
}

// Per connection: Sent's state (UIDVALIDITY, UIDNEXT, MESSAGES from STATUS, which does not
// change the selected folder) and what its newest messages link to.
const sentIndexes = new WeakMap<ImapFlow, { key: string; entries: SentEntry[] }>();

async function sentReplies(client: ImapFlow, sent: string, ids: Set<string>): Promise<Dated[]> {
  const status = await client.status(sent, { messages: true, uidNext: true, uidValidity: true });
  if (!status) return [];
  const key = `${status.uidValidity}:${status.uidNext}:${status.messages}`;
  let index = sentIndexes.get(client);
  if (!index || index.key !== key) {
    index = { key, entries: status.messages ? await newestSent(client, sent) : [] };
    sentIndexes.set(client, index);
  }
  return index.entries.filter((entry) => entry.links.some((id) => ids.has(id))).map(({ links: _links, ...dated }) => dated);
}

async function newestSent(client: ImapFlow, sent: string): Promise<SentEntry[]> {
  const lock = await client.getMailboxLock(sent, { readOnly: true });
  try {
    const total = client.mailbox ? client.mailbox.exists : 0;
    if (total === 0) return [];
    const entries: SentEntry[] = [];
    for await (const message of client.fetch(`${Math.max(1, total - SENT_INDEXED + 1)}:*`, { uid: true, internalDate: true, headers: THREAD_HEADER_FIELDS })) {
      const headers = summaryHeaders(message.headers);
      const date = headers.date ?? message.internalDate;
      const time = date ? new Date(date).getTime() : 0;
      const links = [...new Set([...parseMessageIds(headers.inReplyTo), ...parseMessageIds(headers.references)])];
      if (links.length > 0) entries.push({ folder: sent, uid: message.uid, time: Number.isNaN(time) ? 0 : time, messageId: headers.messageId, links });
    }
    return entries;
  } finally {
    lock.release();
  }
}

interface Dated {
  folder: string;
  uid: number;
  time: number;
  messageId: string;
}

async function datedMessages(client: ImapFlow, folder: string, uids: number[]): Promise<Dated[]> {
  const dated: Dated[] = [];
  for await (const message of client.fetch(toSequenceSet(uids), { uid: true, internalDate: true, headers: ["date", "message-id"] }, { uid: true })) {
    const headers = summaryHeaders(message.headers);
    const date = headers.date ?? message.internalDate;
    const time = date ? new Date(date).getTime() : 0;
    dated.push({ folder, uid: message.uid, time: Number.isNaN(time) ? 0 : time, messageId: headers.messageId });
  }
  return dated;
}

// The Sent folder's path, per connection (one session's): folders are listed once, not per open.
const sentFolders = new WeakMap<ImapFlow, string | null>();

async function sentFolderPath(client: ImapFlow): Promise<string | null> {
  if (sentFolders.has(client)) return sentFolders.get(client) ?? null;
  const folders = await client.list();
  const path = folders.find((entry) => entry.specialUse === "\\Sent")?.path ?? null;
  sentFolders.set(client, path);
  return path;
}

async function threadIndex(client: ImapFlow, folder: string): Promise<ThreadIndex> {
  const mailbox = client.mailbox;
  const key = mailbox ? `${mailbox.uidValidity}:${mailbox.uidNext}:${mailbox.exists}` : "";
  let perFolder = threadCache.get(client);
  if (!perFolder) {
    perFolder = new Map();
    threadCache.set(client, perFolder);
  }
  const cached = perFolder.get(folder);
  if (cached && cached.key === key) return cached;

  const threads: number[][] = [];
  const algorithm = serverThreadAlgorithm(client) ?? "REFERENCES";
  await runRawCommand(client, "UID THREAD", [atom(algorithm), atom("UTF-8"), atom("ALL")], "THREAD", (attributes) => {
    for (const thread of attributes) {
      const uids = collectUids(thread);
      if (uids.length > 0) threads.push(uids.sort((a, b) => b - a));
    }
  });
  threads.sort((a, b) => b[0]! - a[0]!);
  const threadOf = new Map<number, number>();
  threads.forEach((uids, position) => uids.forEach((uid) => threadOf.set(uid, position)));
  const index = { key, threads, threadOf };
  perFolder.delete(folder);
  perFolder.set(folder, index);
  while (perFolder.size > CACHED_FOLDERS_PER_CONNECTION) perFolder.delete(perFolder.keys().next().value as string);
  return index;
}

/** Every UID in one parsed THREAD entry: `(3 6 (4 23)(44 7 96))` is nested lists of atoms. */
export function collectUids(node: unknown): number[] {
  if (Array.isArray(node)) return node.flatMap(collectUids);
  const uid = Number.parseInt(attributeText(node), 10);
  return uid > 0 ? [uid] : [];
}

// Unread state is read for at most this many of a conversation's newest messages.
const MAX_COUNTED_PER_THREAD = 200;

async function unreadSet(client: ImapFlow, uids: number[]): Promise<Set<number>> {
  const unread = new Set<number>();
  if (uids.length === 0) return unread;
  for await (const message of client.fetch(toSequenceSet(uids), { uid: true, flags: true }, { uid: true })) {
    if (!message.flags?.has("\\Seen")) unread.add(message.uid);
  }
  return unread;
}

/**
 * The fallback when the server can't THREAD: the page's arrival window (the same sequence range a
 * message page shows) grouped in Mailroom. Paging stays by messages, so it costs one page.
 */
async function windowConversations(client: ImapFlow, folder: string, page: number, pageSize: number): Promise<ConversationPage> {
  const total = client.mailbox ? client.mailbox.exists : 0;
  const last = total - page * pageSize;
  if (last < 1) return { folder, total, page, pageSize, conversations: [], method: "window" };
  const first = Math.max(1, last - pageSize + 1);
  const headers: ThreadHeaders[] = [];
  for await (const message of client.fetch(`${first}:${last}`, { uid: true, headers: THREAD_HEADER_FIELDS })) {
    const fields = summaryHeaders(message.headers);
    headers.push({
      uid: message.uid,
      messageId: fields.messageId,
      inReplyTo: fields.inReplyTo,
      references: parseMessageIds(fields.references),
      subject: fields.subject,
    });
  }
  const groups = groupByHeaders(headers);
  const latest = await fetchSummaries(
    client,
    groups.map((uids) => uids[0]!),
  );
  const latestByUid = new Map(latest.map((message) => [message.uid, message]));
  const unreadByUid = await unreadSet(client, groups.flat());
  const conversations = groups.flatMap((uids) => {
    const row = latestByUid.get(uids[0]!);
    return row ? [{ latest: row, count: uids.length, unread: uids.filter((uid) => unreadByUid.has(uid)).length, uids }] : [];
  });
  return { folder, total, page, pageSize, conversations, method: "window" };
}

export interface ThreadHeaders {
  uid: number;
  messageId: string;
  inReplyTo: string;
  references: string[];
  subject: string;
}

/**
 * Groups messages into conversations: linked by Message-ID / In-Reply-To / References, and
 * replies ("Re: x") joined to a message with the same base subject when headers are missing.
 * Returns UID groups, each newest first, groups ordered by their newest UID.
 */
export function groupByHeaders(messages: ThreadHeaders[]): number[][] {
  const parent = new Map<string, string>();
  const find = (key: string): string => {
    let root = key;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!;
    parent.set(key, root);
    return root;
  };
  const union = (a: string, b: string) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  };
  const subjectOwner = new Map<string, string>();
  for (const message of messages) {
    const self = `uid:${message.uid}`;
    find(self);
    if (message.messageId) union(self, `id:${message.messageId}`);
    for (const id of [message.inReplyTo, ...message.references]) if (id) union(self, `id:${id}`);
    const base = baseSubject(message.subject);
    if (base) {
      const owner = subjectOwner.get(base);
      if (owner && (isReply(message.subject) || message.references.length > 0 || message.inReplyTo)) union(self, owner);
      else if (!owner) subjectOwner.set(base, self);
    }
  }
  const groups = new Map<string, number[]>();
  for (const message of messages) {
    const root = find(`uid:${message.uid}`);
    groups.set(root, [...(groups.get(root) ?? []), message.uid]);
  }
  return [...groups.values()].map((uids) => uids.sort((a, b) => b - a)).sort((a, b) => b[0]! - a[0]!);
}

const REPLY_PREFIX = /^\s*((re|fwd?|aw|wg|sv|vs|antw|r)(\[\d+\])?\s*:\s*)+/i;

function isReply(subject: string): boolean {
  return REPLY_PREFIX.test(subject);
}

export function baseSubject(subject: string): string {
  return subject.replace(REPLY_PREFIX, "").replace(/\s+/g, " ").trim().toLowerCase();
}

/** A compact UID set: "7,3,4,5" becomes "3:5,7". */
export function toSequenceSet(uids: number[]): string {
  const sorted = [...new Set(uids)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const start = sorted[i]!;
    while (i + 1 < sorted.length && sorted[i + 1] === sorted[i]! + 1) i++;
    parts.push(start === sorted[i] ? String(start) : `${start}:${sorted[i]}`);
  }
  return parts.join(",");
}

export function parseMessageIds(text: string): string[] {
  return text.match(/<[^<>\s]+>/g) ?? [];
}
