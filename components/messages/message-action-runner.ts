"use client";

import { runAction } from "@/components/run-action";
import { actOnMessagesAction, actOnSelectionAction, undoMessagesAction, type MessageActionDone } from "@/lib/actions/message-actions";
import type { MessageOperation } from "@/lib/actions/message-actions.validation";
import type { ActionResult } from "@/lib/actions/result";
import { currentActionNotice, showActionNotice } from "./action-notice";
import { folderDisplayName } from "./folder-name";

export type { MessageOperation };

export interface MessageTarget {
  folder: string;
  uids: number[];
}

/** A whole folder, or a search in it, as the list's URL describes it. */
export interface MessageSelection {
  folder: string;
  search: [string, string][];
}

/** Operations after which the messages are no longer in the folder the reader is looking at. */
export function removesFromFolder(operation: MessageOperation, folder: string, junkFolder: string | null): boolean {
  if (["archive", "delete", "move", "junk"].includes(operation)) return !(operation === "junk" && folder === junkFolder);
  return operation === "notJunk" && folder === junkFolder;
}

function messages(count: number): string {
  return count === 1 ? "1 message" : `${count.toLocaleString("en")} messages`;
}

/** What the notice says once an action is done. */
export function describeDone(operation: MessageOperation, count: number, data: Pick<MessageActionDone, "destination" | "permanent">): string {
  const where = data.destination ? folderDisplayName(data.destination) : "";
  switch (operation) {
    case "archive":
      return `Archived ${messages(count)}.`;
    case "delete":
      return data.permanent ? `Deleted ${messages(count)} forever.` : `Moved ${messages(count)} to Trash.`;
    case "move":
      return `Moved ${messages(count)} to ${where}.`;
    case "copy":
      return `Copied ${messages(count)} to ${where}.`;
    case "star":
      return `Starred ${messages(count)}.`;
    case "unstar":
      return `Removed the star from ${messages(count)}.`;
    case "read":
      return `Marked ${messages(count)} as read.`;
    case "unread":
      return `Marked ${messages(count)} as unread.`;
    case "junk":
      return `Reported ${messages(count)} as junk.`;
    case "notJunk":
      return `Marked ${messages(count)} as not junk.`;
  }
}

/**
 * Runs an action on messages named by folder and UID and says what happened in the notice (with
 * Undo), or why not. Returns the result so the caller can roll back what it changed at once.
 * The command palette can call this too.
 */
export async function runMessageOperation(operation: MessageOperation, targets: MessageTarget[], destination: string | null = null): Promise<ActionResult<MessageActionDone>> {
  const result = await runAction(() => actOnMessagesAction({ operation, targets, destination }));
  if (!result.ok) {
    showActionNotice(result.error, { failed: true });
    return result;
  }
  const gone = result.data.missing > 0 ? ` ${messages(result.data.missing)} no longer existed.` : "";
  showActionNotice(`${describeDone(operation, result.data.done, result.data)}${gone}`, { undo: result.data.undo ? [result.data.undo] : [] });
  return result;
}

export interface SelectionProgress {
  done: number;
  failed: number;
  total: number;
}

export interface SelectionSummary extends SelectionProgress {
  /** Why it stopped early, when it did. */
  stoppedBy: string | null;
}

// Undo of a very large selection keeps the last chunks' tokens only (500 messages each).
const MAX_UNDO_CHUNKS = 40;

/**
 * Runs an action on every message of a folder or search, one chunk (500) per call, reporting
 * progress after each; the server finds the messages, the browser only passes the cursor back.
 */
export async function runSelectionOperation(
  operation: MessageOperation,
  selection: MessageSelection,
  destination: string | null,
  onProgress: (progress: SelectionProgress) => void,
): Promise<SelectionSummary> {
  let cursor = 0;
  let upTo: number | null = null;
  const progress: SelectionProgress = { done: 0, failed: 0, total: 0 };
  const undo: string[] = [];
  let last: MessageActionDone | null = null;
  for (;;) {
    const result = await runAction(() => actOnSelectionAction({ operation, selection, destination, cursor, upTo }));
    if (!result.ok) {
      const summary = { ...progress, stoppedBy: result.error };
      showActionNotice(`${result.error} ${summaryText(operation, summary, last)}`, { failed: true, undo });
      return summary;
    }
    const chunk = result.data;
    if (progress.total === 0) progress.total = chunk.done + chunk.missing + chunk.remaining;
    progress.done += chunk.done;
    progress.failed += chunk.missing;
    if (chunk.undo) undo.push(chunk.undo);
    if (undo.length > MAX_UNDO_CHUNKS) undo.shift();
    last = chunk;
    onProgress({ ...progress });
    ({ cursor, upTo } = chunk);
    if (chunk.remaining === 0) break;
  }
  const summary = { ...progress, stoppedBy: null };
  showActionNotice(summaryText(operation, summary, last), { undo });
  return summary;
}

function summaryText(operation: MessageOperation, summary: SelectionSummary, last: MessageActionDone | null): string {
  const done = describeDone(operation, summary.done, last ?? { destination: null, permanent: false });
  const notDone = summary.total - summary.done;
  return notDone > 0 ? `${done} ${messages(notDone)} could not be changed.` : done;
}

/** Undoes the action the notice offers Undo for; says how it went. Returns whether anything was undone. */
export async function undoLastMessageOperation(): Promise<boolean> {
  const notice = currentActionNotice();
  if (!notice || notice.undo.length === 0) return false;
  showActionNotice("Undoing…");
  let restored = 0;
  let problem: string | null = null;
  for (const token of [...notice.undo].reverse()) {
    const result = await runAction(() => undoMessagesAction({ token }));
    if (result.ok) restored += result.data.restored;
    else problem = result.error;
  }
  if (problem && restored === 0) showActionNotice(problem, { failed: true });
  else showActionNotice(problem ? `Undone for ${messages(restored)}. ${problem}` : "Undone.");
  return restored > 0;
}
