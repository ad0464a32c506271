"use server";

import type { ImapFlow } from "imapflow";
import { getTranslations } from "next-intl/server";
import { describeMailboxError } from "@/lib/auth/mailbox-error";
import { withSessionMailbox } from "@/lib/auth/session-mailbox";
import {
  archiveMessages,
  copyMessages,
  deleteMessages,
  markJunk,
  MessageActionError,
  moveMessages,
  runBulkChunk,
  setMessageFlag,
  undoMessageAction,
  type ActionOutcome,
  type UndoStep,
} from "@/lib/mail/imap/message-actions";
import { toSearchObject } from "@/lib/mail/imap/search-query";
import { parseSearchQuery } from "@/lib/search-params";
import { bulkMessageActionSchema, messageActionSchema, undoMessageActionSchema, type MessageOperation } from "./message-actions.validation";
import { openUndo, sealUndo } from "./message-undo-token";
import type { ActionResult } from "./result";
import { sessionAction } from "./session-action";

/** Messages per chunk of a folder-wide or search-wide action (one server action call each). */
const BULK_CHUNK = 500;

export interface MessageActionDone {
  done: number;
  /** Messages that were gone already, or (in a selection across folders) could not be changed. */
  missing: number;
  destination: string | null;
  /** Deleted for good (in Trash): nothing to undo. */
  permanent: boolean;
  /** Sealed undo steps for undoMessagesAction, or null when there is nothing to undo. */
  undo: string | null;
}

export interface BulkChunkDone extends MessageActionDone {
  /** Messages of the selection still to do; the client calls again with cursor and upTo until 0. */
  remaining: number;
  cursor: number;
  upTo: number;
}

/** Archive, delete, move, copy, star, read/unread or junk on messages named by folder and UID (≤ 1,000). */
export const actOnMessagesAction = sessionAction(messageActionSchema, async ({ operation, targets, destination }, session): Promise<ActionResult<MessageActionDone>> => {
  try {
    return await withSessionMailbox(session, async (client) => {
      const result: MessageActionDone = { done: 0, missing: 0, destination: null, permanent: false, undo: null };
      const steps: UndoStep[] = [];
      let problem: MessageActionError | null = null;
      for (const { folder, uids } of targets) {
        try {
          const outcome = await perform(client, operation, folder, uids, destination);
          result.done += outcome.done;
          result.missing += outcome.missing;
          result.destination = outcome.destination;
          result.permanent = outcome.permanent;
          steps.push(...outcome.undo);
        } catch (error) {
          // One gone folder of a conversation spread over several leaves the others done.
          if (!(error instanceof MessageActionError) || targets.length === 1) throw error;
          problem = error;
          result.missing += uids.length;
        }
      }
      if (result.done === 0 && problem) throw problem;
      return { ok: true, data: { ...result, undo: sealUndo(steps, session.userId) } };
    });
  } catch (error) {
    return failure(error);
  }
});

/**
 * One chunk of an action on every message of a folder or of a search in it. The selection is the
 * list's folder and search parameters; the UIDs are found on the server (UID SEARCH), never sent
 * by the browser. The first call (cursor 0, upTo null) fixes the selection to the mail there now.
 */
export const actOnSelectionAction = sessionAction(
  bulkMessageActionSchema,
  async ({ operation, destination, selection, cursor, upTo }, session): Promise<ActionResult<BulkChunkDone>> => {
    const query = parseSearchQuery(Object.fromEntries(selection.search));
    if (query.allFolders) {
      const t = await getTranslations("actions");
      return { ok: false, code: "invalid", error: t("messages.selectAllOneFolder") };
    }
    try {
      const chunk = await withSessionMailbox(session, (client) =>
        runBulkChunk(client, { folder: selection.folder, criteria: toSearchObject(query), cursor, upTo, size: BULK_CHUNK }, async (uids) => {
          try {
            return await perform(client, operation, selection.folder, uids, destination);
          } catch (error) {
            // Messages that went away since the search are skipped, not a reason to stop.
            if (error instanceof MessageActionError && error.reason === "messages-gone") return { done: 0, missing: uids.length, destination: null, undo: [], permanent: false };
            throw error;
          }
        }),
      );
      const outcome = chunk.outcome as ActionOutcome & { permanent?: boolean };
      return {
        ok: true,
        data: {
          done: outcome.done,
          missing: outcome.missing,
          destination: outcome.destination,
          permanent: Boolean(outcome.permanent),
          undo: sealUndo(outcome.undo, session.userId),
          remaining: chunk.remaining,
          cursor: chunk.cursor,
          upTo: chunk.upTo,
        },
      };
    } catch (error) {
      return failure(error);
    }
  },
);

/** Reverses an action by its sealed undo steps: moves the messages back, restores their flags, removes copies. */
export const undoMessagesAction = sessionAction(undoMessageActionSchema, async ({ token }, session): Promise<ActionResult<{ restored: number; missing: number }>> => {
  const t = await getTranslations("actions");
  const steps = openUndo(token, session.userId);
  if (!steps) return { ok: false, code: "invalid", error: t("messages.undoExpired") };
  try {
    const result = await withSessionMailbox(session, (client) => undoMessageAction(client, steps));
    if (result.restored === 0 && result.missing > 0) return { ok: false, code: "failed", error: t("messages.undoNothingFound") };
    return { ok: true, data: result };
  } catch (error) {
    return failure(error);
  }
});

async function perform(client: ImapFlow, operation: MessageOperation, folder: string, uids: number[], destination: string | null): Promise<ActionOutcome & { permanent: boolean }> {
  const plain = (outcome: ActionOutcome) => ({ ...outcome, permanent: false });
  switch (operation) {
    case "archive":
      return plain(await archiveMessages(client, folder, uids));
    case "delete":
      return deleteMessages(client, folder, uids);
    case "move":
      return plain(await moveMessages(client, folder, uids, destination!));
    case "copy":
      return plain(await copyMessages(client, folder, uids, destination!));
    case "star":
    case "unstar":
      return plain(await setMessageFlag(client, folder, uids, "\\Flagged", operation === "star"));
    case "read":
    case "unread":
      return plain(await setMessageFlag(client, folder, uids, "\\Seen", operation === "read"));
    case "junk":
    case "notJunk":
      return plain(await markJunk(client, folder, uids, operation === "junk"));
  }
}

/** A refusal of the mail layer (a reason code with its details) in the reader's language. */
async function describeRefusal({ reason, details }: MessageActionError): Promise<string> {
  const t = await getTranslations("actions.messages.failure");
  switch (reason) {
    case "folder-gone":
      return t("folderGone", { folder: details.folder ?? "" });
    case "messages-gone":
      return t("messagesGone", { count: details.count ?? 1 });
    case "same-folder":
      return details.change === "copy" ? t("copySameFolder") : t("alreadyThere");
    case "no-folder":
      return t("noFolder", { role: details.role ?? "" });
    case "refused":
      return t("refused", { change: details.change ?? "flag" });
  }
}

async function failure(error: unknown): Promise<{ ok: false; code: "failed"; error: string }> {
  if (error instanceof MessageActionError) return { ok: false, code: "failed", error: await describeRefusal(error) };
  return { ok: false, code: "failed", error: describeMailboxError(error, await getTranslations("errors")) };
}
