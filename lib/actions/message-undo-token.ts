import { z } from "zod";
import { deriveKey, open, seal } from "@/lib/auth/vault";
import { env } from "@/lib/env";
import type { UndoStep } from "@/lib/mail/imap/message-actions";
import { folderPathSchema } from "./folders.validation";

/** How long an action can be undone (the toast shows for seconds; this leaves room for a slow network). */
const UNDO_LIFETIME_MS = 10 * 60_000;

const setSchema = z.object({
  folder: folderPathSchema,
  uids: z.array(z.number().int().positive()).max(1000).nullable(),
  messageIds: z.array(z.string().max(1000)).max(1000),
});
const stepSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("move"), from: setSchema, to: folderPathSchema }),
  z.object({ kind: z.literal("flags"), messages: setSchema, add: z.array(z.string().max(100)).max(4), remove: z.array(z.string().max(100)).max(4) }),
  z.object({ kind: z.literal("remove"), messages: setSchema }),
]);
const payloadSchema = z.object({ steps: z.array(stepSchema).max(20), expires: z.number() });

function undoKey(): Buffer {
  return deriveKey(env().authSecret, "message-undo");
}

/**
 * The undo steps, sealed for this user (AES-GCM, the user id as associated data): the browser
 * holds them for the toast but can neither read nor change them, nor use another user's.
 */
export function sealUndo(steps: UndoStep[], userId: string): string | null {
  if (steps.length === 0) return null;
  return seal(JSON.stringify({ steps, expires: Date.now() + UNDO_LIFETIME_MS }), undoKey(), userId);
}

/** The steps of a token this user got, or null when it is not theirs, was changed, or has expired. */
export function openUndo(token: string, userId: string): UndoStep[] | null {
  try {
    const payload = payloadSchema.parse(JSON.parse(open(token, undoKey(), userId)));
    return payload.expires >= Date.now() ? payload.steps : null;
  } catch {
    return null;
  }
}
