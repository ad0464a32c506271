import type { FetchMessageObject, ImapFlow } from "imapflow";
import { findSpecialFolder } from "../imap/special-folders";

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
