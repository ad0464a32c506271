import type { FetchMessageObject, ImapFlow } from "imapflow";
import { atom, attributeText, runRawCommand, sequence } from "./raw-command";
import { sortedUidWindow, type SortKey } from "./sort";
import { SUMMARY_HEADER_FIELDS, summaryHeaders } from "./summary-headers";

export interface Correspondent {
  name: string;
  address: string;
}

export interface MessageSummary {
  uid: number;
  from: Correspondent | null;
  subject: string;
  /** A line of the body text, when the server hands it out cheaply (FETCH PREVIEW); else "". */
  preview: string;
  /** ISO 8601. */
  date: string;
  unread: boolean;
  flagged: boolean;
  hasAttachments: boolean;
  size: number;
}

export interface MessagePage {
  folder: string;
  total: number;
  page: number;
  pageSize: number;
  sort: SortKey;
  messages: MessageSummary[];
}

export interface PageRequest {
  /** Zero-based. */
  page: number;
  pageSize: number;
  sort: SortKey;
}

/**
 * One page of a folder. In date order (arrival, newest first) the page is addressed by sequence
 * numbers, so it costs the same on a folder of 50 or 500,000 messages: no UID list is fetched.
 * Other orders ask the server for just the page's UIDs (see sortedUidWindow).
 */
export async function listMessagePage(client: ImapFlow, folder: string, request: PageRequest): Promise<MessagePage> {
  const { page, pageSize, sort } = request;
  const lock = await lockUpToDate(client, folder);
  try {
    const total = client.mailbox ? client.mailbox.exists : 0;
    if (sort !== "date") {
      const window = await sortedUidWindow(client, [atom("ALL")], sort, page * pageSize, pageSize);
      return { folder, total: window.total, page, pageSize, sort, messages: await fetchSummaries(client, window.uids) };
    }
    const last = total - page * pageSize;
    if (last < 1) return { folder, total, page, pageSize, sort, messages: [] };
    const first = Math.max(1, last - pageSize + 1);
    const fetched: (MessageSummary & { seq: number })[] = [];
    for await (const message of client.fetch(`${first}:${last}`, SUMMARY_QUERY)) {
      fetched.push({ ...toSummary(message), seq: message.seq });
    }
    fetched.sort((a, b) => b.seq - a.seq);
    const messages = fetched.map(({ seq: _seq, ...summary }) => summary);
    await addPreviews(client, messages);
    return { folder, total, page, pageSize, sort, messages };
  } finally {
    lock.release();
  }
}

/**
 * The folder's mailbox lock, with the server's view brought up to date. A folder that this
 * connection already has selected is not selected again, and a selected view only learns about
 * new or removed messages when a command ends; without the NOOP the first list after new mail
 * (a live update's refresh) would still show the old view.
 */
export async function lockUpToDate(client: ImapFlow, folder: string): Promise<{ release(): void }> {
  const alreadyOpen = client.mailbox !== false && client.mailbox.path === folder;
  const lock = await client.getMailboxLock(folder);
  if (!alreadyOpen) return lock;
  try {
    await client.noop();
  } catch (error) {
    lock.release();
    throw error;
  }
  return lock;
}

// Header text, not ENVELOPE or BODYSTRUCTURE: see summary-headers.ts.
const SUMMARY_QUERY = { uid: true, flags: true, headers: [...SUMMARY_HEADER_FIELDS], internalDate: true, size: true };

/** Rows for the given UIDs of the selected mailbox, in the order given (expunged ones drop out). */
export async function fetchSummaries(client: ImapFlow, uids: number[]): Promise<MessageSummary[]> {
  if (uids.length === 0) return [];
  const byUid = new Map<number, MessageSummary>();
  for await (const message of client.fetch(uids.join(","), SUMMARY_QUERY, { uid: true })) {
    byUid.set(message.uid, toSummary(message));
  }
  const messages = uids.map((uid) => byUid.get(uid)).filter((message): message is MessageSummary => Boolean(message));
  await addPreviews(client, messages);
  return messages;
}

function toSummary(message: FetchMessageObject): MessageSummary {
  const headers = summaryHeaders(message.headers);
  return {
    uid: message.uid,
    from: headers.from,
    subject: headers.subject,
    preview: "",
    date: toIso(headers.date ?? message.internalDate),
    unread: !message.flags?.has("\\Seen"),
    flagged: Boolean(message.flags?.has("\\Flagged")),
    hasAttachments: headers.hasAttachments,
    size: message.size ?? 0,
  };
}

/**
 * Fills `preview` from FETCH PREVIEW (RFC 8970) where the server has it: Dovecot keeps previews
 * in its cache, so one command for the page's UIDs stays cheap. Servers without it get no preview.
 */
async function addPreviews(client: ImapFlow, messages: MessageSummary[]): Promise<void> {
  if (messages.length === 0 || !client.capabilities.has("PREVIEW")) return;
  const byUid = new Map(messages.map((message) => [message.uid, message]));
  await runRawCommand(client, "UID FETCH", [sequence(messages.map((m) => m.uid).join(",")), [atom("UID"), atom("PREVIEW")]], "FETCH", (attributes) => {
    const items = attributes[1];
    if (!Array.isArray(items)) return;
    let uid = 0;
    let preview = "";
    for (let i = 0; i < items.length; i += 2) {
      const name = attributeText(items[i]).toUpperCase();
      if (name === "UID") uid = Number.parseInt(attributeText(items[i + 1]), 10);
      if (name === "PREVIEW") preview = attributeText(items[i + 1]);
    }
    const message = byUid.get(uid);
    if (message) message.preview = preview.replace(/\s+/g, " ").trim().slice(0, 200);
  });
}

function toIso(value: Date | string | undefined): string {
  const date = value instanceof Date ? value : value ? new Date(value) : new Date(0);
  return Number.isNaN(date.getTime()) ? new Date(0).toISOString() : date.toISOString();
}
