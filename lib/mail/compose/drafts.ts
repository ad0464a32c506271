import type { FetchMessageObject, ImapFlow } from "imapflow";
import type { SpecialUse } from "../imap/folders";

export class MissingFolderError extends Error {
  constructor(readonly use: SpecialUse) {
    super(`no ${use} folder`);
    this.name = "MissingFolderError";
  }
}

const FALLBACK_NAMES: Partial<Record<SpecialUse, string[]>> = {
  "\\Drafts": ["drafts", "draft", "entwürfe"],
  "\\Sent": ["sent", "sent items", "sent messages", "gesendet"],
};

/** The folder with this special use (RFC 6154), else one with a usual name. */
export async function findSpecialFolder(client: ImapFlow, use: SpecialUse): Promise<string> {
  const folders = await client.list();
  const byUse = folders.find((folder) => folder.specialUse === use);
  if (byUse) return byUse.path;
  const names = FALLBACK_NAMES[use] ?? [];
  const byName = folders.find((folder) => names.includes(folder.name.toLowerCase()));
  if (byName) return byName.path;
  throw new MissingFolderError(use);
}

/** UIDs in the open folder whose Message-ID header is this one. */
async function uidsWithMessageId(client: ImapFlow, messageId: string): Promise<number[]> {
  const found = await client.search({ header: { "message-id": messageId } }, { uid: true });
  return (found || []).sort((a, b) => a - b);
}

/**
 * Stores a new version of a draft: appends it first, then deletes the older versions (same
 * Message-ID, lower UID). A failure part-way leaves two versions, never none; two saves racing
 * each delete only what is older than themselves.
 */
export async function saveDraftVersion(client: ImapFlow, raw: Buffer, messageId: string): Promise<{ folder: string; uid: number }> {
  const folder = await findSpecialFolder(client, "\\Drafts");
  const appended = await client.append(folder, raw, ["\\Draft", "\\Seen"]);
  const lock = await client.getMailboxLock(folder);
  try {
    const uids = await uidsWithMessageId(client, messageId);
    const uid = appended && appended.uid ? appended.uid : uids[uids.length - 1];
    if (!uid) throw new Error("the appended draft cannot be found");
    const older = uids.filter((candidate) => candidate < uid);
    if (older.length > 0) await client.messageDelete(older.join(","), { uid: true });
    return { folder, uid };
  } finally {
    lock.release();
  }
}

export interface StoredDraft {
  folder: string;
  uid: number;
  message: FetchMessageObject;
}

/** The newest version of the draft with this Message-ID (source, envelope and the given headers), or null. */
export async function fetchDraft(client: ImapFlow, messageId: string, headers: string[] = []): Promise<StoredDraft | null> {
  const folder = await findSpecialFolder(client, "\\Drafts");
  const lock = await client.getMailboxLock(folder);
  try {
    const uids = await uidsWithMessageId(client, messageId);
    const uid = uids[uids.length - 1];
    if (!uid) return null;
    const message = await client.fetchOne(String(uid), { uid: true, source: true, envelope: true, ...(headers.length ? { headers } : {}) }, { uid: true });
    return message ? { folder, uid, message } : null;
  } finally {
    lock.release();
  }
}

/** The UID of the newest version of the draft with this Message-ID, or null. */
export async function newestDraftUid(client: ImapFlow, messageId: string): Promise<number | null> {
  const folder = await findSpecialFolder(client, "\\Drafts");
  const lock = await client.getMailboxLock(folder);
  try {
    const uids = await uidsWithMessageId(client, messageId);
    return uids[uids.length - 1] ?? null;
  } finally {
    lock.release();
  }
}

/** The Message-ID of the draft with this UID in Drafts, for opening /compose?draft=<uid>. */
export async function draftMessageId(client: ImapFlow, uid: number): Promise<string | null> {
  const folder = await findSpecialFolder(client, "\\Drafts");
  const lock = await client.getMailboxLock(folder);
  try {
    const message = await client.fetchOne(String(uid), { uid: true, envelope: true }, { uid: true });
    return message ? (message.envelope?.messageId ?? null) : null;
  } finally {
    lock.release();
  }
}

/** Removes every version of the draft with this Message-ID. */
export async function deleteDraft(client: ImapFlow, messageId: string): Promise<void> {
  const folder = await findSpecialFolder(client, "\\Drafts");
  const lock = await client.getMailboxLock(folder);
  try {
    const uids = await uidsWithMessageId(client, messageId);
    if (uids.length > 0) await client.messageDelete(uids.join(","), { uid: true });
  } finally {
    lock.release();
  }
}
