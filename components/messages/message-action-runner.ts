"use client";

import { runAction } from "@/components/run-action";
import { actOnMessagesAction, actOnSelectionAction, undoMessagesAction, type MessageActionDone } from "@/lib/actions/message-actions";
import type { MessageOperation } from "@/lib/actions/message-actions.validation";
import type { ActionResult } from "@/lib/actions/result";
import { currentActionNotice, showActionNotice, type NoticePart } from "./action-notice";

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

/** What the notice says once an action is done. */
export function describeDone(operation: MessageOperation, count: number, data: Pick<MessageActionDone, "destination" | "permanent">): NoticePart {
  const folder = data.destination ?? "";
  switch (operation) {
    case "archive":
      return { done: "archived", count };
    case "delete":
      return { done: data.permanent ? "deletedForever" : "trashed", count };
    case "move":
      return { done: "moved", count, folder };
    case "copy":
      return { done: "copied", count, folder };
    case "star":
      return { done: "starred", count };
    case "unstar":
      return { done: "unstarred", count };
    case "read":
      return { done: "markedRead", count };
    case "unread":
      return { done: "markedUnread", count };
    case "junk":
      return { done: "junked", count };
    case "notJunk":
      return { done: "notJunked", count };
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
    showActionNotice([result.error], { failed: true });
    return result;
  }
  const gone: NoticePart[] = result.data.missing > 0 ? [{ done: "missing", count: result.data.missing }] : [];
  showActionNotice([describeDone(operation, result.data.done, result.data), ...gone], { undo: result.data.undo ? [result.data.undo] : [] });
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
      showActionNotice([result.error, ...summaryParts(operation, summary, last)], { failed: true, undo });
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
  showActionNotice(summaryParts(operation, summary, last), { undo });
  return summary;
}

function summaryParts(operation: MessageOperation, summary: SelectionSummary, last: MessageActionDone | null): NoticePart[] {
  const done = describeDone(operation, summary.done, last ?? { destination: null, permanent: false });
  const notDone = summary.total - summary.done;
  return notDone > 0 ? [done, { done: "notChanged", count: notDone }] : [done];
}

/** Undoes the action the notice offers Undo for; says how it went. Returns whether anything was undone. */
export async function undoLastMessageOperation(): Promise<boolean> {
  const notice = currentActionNotice();
  if (!notice || notice.undo.length === 0) return false;
  showActionNotice([{ done: "undoing" }]);
  let restored = 0;
  let problem: string | null = null;
  for (const token of [...notice.undo].reverse()) {
    const result = await runAction(() => undoMessagesAction({ token }));
    if (result.ok) restored += result.data.restored;
    else problem = result.error;
  }
  if (problem && restored === 0) showActionNotice([problem], { failed: true });
  else showActionNotice(problem ? [{ done: "undoneFor", count: restored }, problem] : [{ done: "undone" }]);
  return restored > 0;
}
