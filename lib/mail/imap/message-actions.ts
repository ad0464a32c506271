import type { ImapFlow, SearchObject } from "imapflow";
import { isMissingMailboxError } from "./missing-mailbox";
import { findOrCreateArchive, findSpecialFolder, type FolderRole } from "./special-folders";
import { summaryHeaders } from "./summary-headers";

/** What the server can do that changes how messages are moved and found again. */
export interface ServerAbilities {
  /** RFC 6851 MOVE; without it a move is COPY + \Deleted + UID EXPUNGE of exactly those messages. */
  move: boolean;
  /** RFC 4315 UIDPLUS: COPYUID (the new UIDs) and UID EXPUNGE. Without it undo finds messages by Message-ID. */
  uidPlus: boolean;
}

export function serverAbilities(client: ImapFlow): ServerAbilities {
  return { move: client.capabilities.has("MOVE"), uidPlus: client.capabilities.has("UIDPLUS") };
}

export const STAR = "\\Flagged";
export const SEEN = "\\Seen";
export const JUNK = "$Junk";
export const NOT_JUNK = "$NotJunk";

/** The flags the reader can set or clear directly. */
export type ReaderFlag = typeof STAR | typeof SEEN;

/**
 * Messages as an undo step finds them: by UID where the server told us (COPYUID), else by
 * Message-ID (a server without UIDPLUS). Messages without a Message-ID can then not be found.
 */
export interface MessageSet {
  folder: string;
  uids: number[] | null;
  messageIds: string[];
}

/** One step of undoing an action, run in order; each names where the messages are at that point. */
export type UndoStep =
  { kind: "move"; from: MessageSet; to: string } | { kind: "flags"; messages: MessageSet; add: string[]; remove: string[] } | { kind: "remove"; messages: MessageSet };

export interface ActionOutcome {
  /** Messages acted on. */
  done: number;
  /** Asked-for UIDs that were no longer in the folder. */
  missing: number;
  /** Where the messages went (moves, copies, deletes), for the reader. */
  destination: string | null;
  /** Empty when there is nothing to undo (nothing changed, or a permanent delete). */
  undo: UndoStep[];
}

export type MessageActionFailure = "folder-gone" | "messages-gone" | "same-folder" | "no-folder" | "refused";

/** What a refusal is about, for the reader's words (lib/mail has none): lib/actions words it. */
export interface MessageActionFailureDetails {
  /** The folder that is gone, or the one the change was refused in. */
  folder?: string;
  /** same-folder: the move or copy asked for; refused: what the server would not do. */
  change?: "move" | "copy" | "delete" | "flag";
  /** messages-gone: how many messages were asked for. */
  count?: number;
  /** no-folder: the special folder missing ("archive", "trash", "junk", "sent", "drafts"). */
  role?: string;
}

/** An expected failure: the folder or the messages are gone, or the server refused. Nothing else was changed. */
export class MessageActionError extends Error {
  constructor(
    readonly reason: MessageActionFailure,
    readonly details: MessageActionFailureDetails = {},
  ) {
    super(`Message action failed: ${reason}`);
    this.name = "MessageActionError";
  }
}

interface Found {
  uid: number;
  flags: Set<string>;
  messageId: string | null;
}

/** Moves messages to another folder (UID MOVE, or COPY + \Deleted + UID EXPUNGE of exactly them). */
export async function moveMessages(client: ImapFlow, folder: string, uids: number[], destination: string): Promise<ActionOutcome> {
  if (sameFolder(folder, destination)) throw new MessageActionError("same-folder", { folder: destination, change: "move" });
  await requireFolder(client, destination);
  return inFolder(client, folder, async () => {
    const found = await findMessages(client, uids);
    const moved = await moveSelected(client, found, folder, destination, serverAbilities(client));
    return { done: found.length, missing: uids.length - found.length, destination, undo: [{ kind: "move", from: moved.set, to: folder }] };
  });
}

/** Copies messages to another folder; undo removes the copies. */
export async function copyMessages(client: ImapFlow, folder: string, uids: number[], destination: string): Promise<ActionOutcome> {
  if (sameFolder(folder, destination)) throw new MessageActionError("same-folder", { folder: destination, change: "copy" });
  await requireFolder(client, destination);
  return inFolder(client, folder, async () => {
    const found = await findMessages(client, uids);
    const result = await client.messageCopy(uidSet(found), destination, { uid: true });
    if (!result) throw new MessageActionError("refused", { folder: destination, change: "copy" });
    const copies = newLocation(found, destination, serverAbilities(client).uidPlus && result.uidMap ? result.uidMap : null);
    return { done: found.length, missing: uids.length - found.length, destination, undo: [{ kind: "remove", messages: copies }] };
  });
}

/** Sets or clears \Flagged or \Seen; undo restores exactly the messages whose flag changed. */
export async function setMessageFlag(client: ImapFlow, folder: string, uids: number[], flag: ReaderFlag, on: boolean): Promise<ActionOutcome> {
  return inFolder(client, folder, async () => {
    const found = await findMessages(client, uids);
    const undo = await changeFlags(client, folder, found, on ? [flag] : [], on ? [] : [flag]);
    return { done: found.length, missing: uids.length - found.length, destination: null, undo };
  });
}

/** Moves messages to Trash; in Trash itself they are deleted for good (\Deleted + UID EXPUNGE of exactly them), with no undo. */
export async function deleteMessages(client: ImapFlow, folder: string, uids: number[]): Promise<ActionOutcome & { permanent: boolean }> {
  const trash = await specialFolder(client, "\\Trash");
  if (!sameFolder(folder, trash)) return { ...(await moveMessages(client, folder, uids, trash)), permanent: false };
  return inFolder(client, folder, async () => {
    const found = await findMessages(client, uids);
    await expungeExactly(
      client,
      found.map((message) => message.uid),
      serverAbilities(client),
    );
    return { done: found.length, missing: uids.length - found.length, destination: null, undo: [], permanent: true };
  });
}

/** Moves messages to the Archive folder, creating it when the server has none. */
export async function archiveMessages(client: ImapFlow, folder: string, uids: number[]): Promise<ActionOutcome> {
  const archive = await findOrCreateArchive(client);
  return moveMessages(client, folder, uids, archive);
}

/**
 * Report junk: set $Junk (clear $NotJunk) and move to Junk. Not junk: the reverse, and out of
 * Junk into the inbox. Undo restores the flags where the messages landed, then moves them back.
 */
export async function markJunk(client: ImapFlow, folder: string, uids: number[], junk: boolean): Promise<ActionOutcome> {
  const junkFolder = await specialFolder(client, "\\Junk");
  const inJunk = sameFolder(folder, junkFolder);
  const destination = junk ? (inJunk ? null : junkFolder) : inJunk ? "INBOX" : null;
  return inFolder(client, folder, async () => {
    const found = await findMessages(client, uids);
    const flagUndo = await changeFlags(client, folder, found, [junk ? JUNK : NOT_JUNK], [junk ? NOT_JUNK : JUNK]);
    const outcome = { done: found.length, missing: uids.length - found.length, destination };
    if (!destination) return { ...outcome, undo: flagUndo };
    const moved = await moveSelected(client, found, folder, destination, serverAbilities(client));
    const flagsWhereMoved = flagUndo.map((step) => (step.kind === "flags" ? { ...step, messages: followMove(step.messages, found, moved) } : step));
    return { ...outcome, undo: [...flagsWhereMoved, { kind: "move", from: moved.set, to: folder }] };
  });
}

/** Runs the undo steps in order; returns how many messages each step found again. */
export async function undoMessageAction(client: ImapFlow, steps: UndoStep[]): Promise<{ restored: number; missing: number }> {
  const abilities = serverAbilities(client);
  let restored = 0;
  let missing = 0;
  for (const step of steps) {
    const set = step.kind === "move" ? step.from : step.messages;
    if (step.kind === "move") await requireFolder(client, step.to);
    const count = await inFolder(client, set.folder, async () => {
      const uids = await locate(client, set);
      const found = await findMessages(client, uids, false);
      if (step.kind === "flags") {
        if (step.add.length) await client.messageFlagsAdd(uidSet(found), step.add, { uid: true });
        if (step.remove.length) await client.messageFlagsRemove(uidSet(found), step.remove, { uid: true });
      } else if (step.kind === "move") {
        await moveSelected(client, found, set.folder, step.to, abilities);
      } else {
        await expungeExactly(
          client,
          found.map((message) => message.uid),
          abilities,
        );
      }
      return { found: found.length, expected: set.uids?.length ?? set.messageIds.length };
    });
    // A move's count is the one that matters to the reader; flag steps act on a subset.
    if (step.kind !== "flags") {
      restored += count.found;
      missing += count.expected - count.found;
    }
  }
  return { restored, missing };
}

export interface BulkChunk {
  /** Messages acted on in this chunk. */
  outcome: ActionOutcome;
  /** Matching messages not yet acted on (after this chunk). */
  remaining: number;
  /** The highest UID handled so far: the next chunk starts above it. */
  cursor: number;
  /** The highest UID the selection covers (fixed by the first chunk, so new mail is left alone). */
  upTo: number;
}

/**
 * One chunk of a folder-wide or search-wide action: UID SEARCH for the matching messages with
 * UIDs in (cursor, upTo], then `act` on the lowest `size` of them. The browser never holds the
 * UIDs; it calls again with the returned cursor until nothing remains.
 */
export async function runBulkChunk(
  client: ImapFlow,
  selection: { folder: string; criteria: SearchObject; cursor: number; upTo: number | null; size: number },
  act: (uids: number[]) => Promise<ActionOutcome>,
): Promise<BulkChunk> {
  const upTo = selection.upTo ?? (await highestUid(client, selection.folder));
  if (upTo <= selection.cursor) return { outcome: { done: 0, missing: 0, destination: null, undo: [] }, remaining: 0, cursor: selection.cursor, upTo };
  const matching = await inFolder(client, selection.folder, async () => {
    const found = await client.search({ ...selection.criteria, uid: `${selection.cursor + 1}:${upTo}` }, { uid: true });
    // UID SEARCH n:m also matches the highest UID when all are below n: keep the range honest.
    return (found || []).filter((uid) => uid > selection.cursor && uid <= upTo).sort((a, b) => a - b);
  });
  const chunk = matching.slice(0, selection.size);
  if (chunk.length === 0) return { outcome: { done: 0, missing: 0, destination: null, undo: [] }, remaining: 0, cursor: upTo, upTo };
  const outcome = await act(chunk);
  return { outcome, remaining: matching.length - chunk.length, cursor: chunk[chunk.length - 1]!, upTo };
}

async function highestUid(client: ImapFlow, folder: string): Promise<number> {
  try {
    const status = await client.status(folder, { uidNext: true });
    return status ? Math.max(0, (status.uidNext ?? 1) - 1) : 0;
  } catch (error) {
    if (isMissingMailboxError(error)) throw new MessageActionError("folder-gone", { folder });
    throw error;
  }
}

function sameFolder(a: string, b: string): boolean {
  return a === b || (a.toUpperCase() === "INBOX" && b.toUpperCase() === "INBOX");
}

async function specialFolder(client: ImapFlow, use: FolderRole): Promise<string> {
  try {
    return await findSpecialFolder(client, use);
  } catch {
    throw new MessageActionError("no-folder", { role: use.slice(1).toLowerCase() });
  }
}

async function requireFolder(client: ImapFlow, folder: string): Promise<void> {
  try {
    await client.status(folder, { messages: true });
  } catch (error) {
    if (isMissingMailboxError(error)) throw new MessageActionError("folder-gone", { folder });
    throw error;
  }
}

/** Runs `task` with `folder` selected (the pooled connection's lock, released in every case). */
async function inFolder<T>(client: ImapFlow, folder: string, task: () => Promise<T>): Promise<T> {
  let lock;
  try {
    lock = await client.getMailboxLock(folder);
  } catch (error) {
    // Dovecot's SELECT of a missing folder has no NONEXISTENT code; imapflow marks it mailboxMissing.
    if (isMissingMailboxError(error) || (error as { mailboxMissing?: boolean }).mailboxMissing) {
      throw new MessageActionError("folder-gone", { folder });
    }
    throw error;
  }
  try {
    return await task();
  } finally {
    lock.release();
  }
}

/** The asked-for messages that still exist, with their flags and Message-ID; none at all is an error. */
async function findMessages(client: ImapFlow, uids: number[], requireAny = true): Promise<Found[]> {
  if (uids.length === 0) {
    if (requireAny) throw new MessageActionError("messages-gone", { count: uids.length });
    return [];
  }
  const fetched = await client.fetchAll(compactUidSet(uids), { uid: true, flags: true, headers: ["message-id"] }, { uid: true });
  const wanted = new Set(uids);
  const found = fetched
    .filter((message) => wanted.has(message.uid))
    .map((message) => ({ uid: message.uid, flags: message.flags ?? new Set<string>(), messageId: summaryHeaders(message.headers).messageId || null }))
    .sort((a, b) => a.uid - b.uid);
  if (found.length === 0 && requireAny) throw new MessageActionError("messages-gone", { count: uids.length });
  return found;
}

/** Adds and removes flags on the messages that need it; returns the steps that put each back as it was. */
async function changeFlags(client: ImapFlow, folder: string, found: Found[], add: string[], remove: string[]): Promise<UndoStep[]> {
  const undo: UndoStep[] = [];
  for (const flag of add) {
    const changing = found.filter((message) => !message.flags.has(flag));
    if (changing.length === 0) continue;
    if (!(await client.messageFlagsAdd(uidSet(changing), [flag], { uid: true }))) throw new MessageActionError("refused", { folder, change: "flag" });
    undo.push({ kind: "flags", messages: setOf(folder, changing), add: [], remove: [flag] });
  }
  for (const flag of remove) {
    const changing = found.filter((message) => message.flags.has(flag));
    if (changing.length === 0) continue;
    if (!(await client.messageFlagsRemove(uidSet(changing), [flag], { uid: true }))) throw new MessageActionError("refused", { folder, change: "flag" });
    undo.push({ kind: "flags", messages: setOf(folder, changing), add: [flag], remove: [] });
  }
  return undo;
}

interface Moved {
  /** Where the messages are now. */
  set: MessageSet;
  /** Old UID → new UID (COPYUID), when the server said. */
  uidMap: Map<number, number> | null;
}

/** Moves the selected folder's `found` messages; returns where they are now. */
async function moveSelected(client: ImapFlow, found: Found[], folder: string, destination: string, abilities: ServerAbilities): Promise<Moved> {
  if (found.length === 0) return { set: { folder: destination, uids: [], messageIds: [] }, uidMap: new Map() };
  let result;
  if (abilities.move) {
    result = await client.messageMove(uidSet(found), destination, { uid: true });
    if (!result) throw new MessageActionError("refused", { folder, change: "move" });
  } else {
    result = await client.messageCopy(uidSet(found), destination, { uid: true });
    if (!result) throw new MessageActionError("refused", { folder, change: "copy" });
    await expungeExactly(
      client,
      found.map((message) => message.uid),
      abilities,
    );
  }
  const uidMap = abilities.uidPlus && result.uidMap ? result.uidMap : null;
  return { set: newLocation(found, destination, uidMap), uidMap };
}

/**
 * Removes exactly these messages from the selected folder: \Deleted + UID EXPUNGE. A server
 * without UIDPLUS has only EXPUNGE, which would also remove every other message marked \Deleted:
 * those lose the mark for the moment of the EXPUNGE and get it back right after.
 */
async function expungeExactly(client: ImapFlow, uids: number[], abilities: ServerAbilities): Promise<void> {
  if (uids.length === 0) return;
  if (abilities.uidPlus) {
    if (!(await client.messageDelete(compactUidSet(uids), { uid: true }))) throw new MessageActionError("refused", { change: "delete" });
    return;
  }
  const ours = new Set(uids);
  const others = ((await client.search({ deleted: true }, { uid: true })) || []).filter((uid) => !ours.has(uid));
  if (others.length) await client.messageFlagsRemove(compactUidSet(others), ["\\Deleted"], { uid: true });
  try {
    // Without UIDPLUS imapflow sends \Deleted and then a plain EXPUNGE: only ours carry the mark now.
    if (!(await client.messageDelete(compactUidSet(uids), { uid: true }))) throw new MessageActionError("refused", { change: "delete" });
  } finally {
    if (others.length) await client.messageFlagsAdd(compactUidSet(others), ["\\Deleted"], { uid: true });
  }
}

/** The UIDs of a set: given, or found by Message-ID (the newest message with each ID). */
async function locate(client: ImapFlow, set: MessageSet): Promise<number[]> {
  if (set.uids) return set.uids;
  const uids: number[] = [];
  for (const messageId of set.messageIds) {
    const found = (await client.search({ header: { "message-id": messageId } }, { uid: true })) || [];
    if (found.length) uids.push(Math.max(...found));
  }
  return uids;
}

function newLocation(found: Found[], destination: string, uidMap: Map<number, number> | null): MessageSet {
  const messageIds = found.flatMap((message) => (message.messageId ? [message.messageId] : []));
  if (!uidMap) return { folder: destination, uids: null, messageIds };
  return { folder: destination, uids: found.flatMap((message) => (uidMap.has(message.uid) ? [uidMap.get(message.uid)!] : [])), messageIds };
}

/** A set in the source folder, followed to where `moved` put those messages. */
function followMove(set: MessageSet, found: Found[], moved: Moved): MessageSet {
  const inSet = new Set(set.uids ?? []);
  const members = found.filter((message) => inSet.has(message.uid));
  const messageIds = members.flatMap((message) => (message.messageId ? [message.messageId] : []));
  const { uidMap } = moved;
  if (!uidMap) return { folder: moved.set.folder, uids: null, messageIds };
  return { folder: moved.set.folder, uids: members.flatMap((message) => (uidMap.has(message.uid) ? [uidMap.get(message.uid)!] : [])), messageIds };
}

function setOf(folder: string, messages: Found[]): MessageSet {
  return { folder, uids: messages.map((message) => message.uid), messageIds: messages.flatMap((message) => (message.messageId ? [message.messageId] : [])) };
}

function uidSet(messages: Found[]): string {
  return compactUidSet(messages.map((message) => message.uid));
}

/** "1:3,7,9:10" for [1,2,3,7,9,10]: short commands for long runs of UIDs. */
export function compactUidSet(uids: number[]): string {
  const sorted = [...new Set(uids)].sort((a, b) => a - b);
  const parts: string[] = [];
  let start = sorted[0];
  let previous = start;
  for (const uid of sorted.slice(1).concat([Number.NaN])) {
    if (uid === previous! + 1) {
      previous = uid;
      continue;
    }
    if (start !== undefined) parts.push(start === previous ? String(start) : `${start}:${previous}`);
    start = uid;
    previous = uid;
  }
  return parts.join(",");
}
