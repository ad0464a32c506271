import { z } from "zod";
import { folderPathSchema } from "./folders.validation";

/** At most this many messages in one explicit selection; larger ones are folder- or search-wide (by cursor). */
export const MAX_SELECTED_MESSAGES = 1000;
const MAX_SEARCH_PARAMS = 20;
const CONTROL = /[\u0000-\u001f\u007f]/;

export const messageOperationSchema = z.enum(["archive", "delete", "move", "copy", "star", "unstar", "read", "unread", "junk", "notJunk"]);
export type MessageOperation = z.infer<typeof messageOperationSchema>;

const uidSchema = z.number().int().positive().max(4_294_967_295);

/** Messages named by folder and UID: one message, a conversation across folders, or a page's selection. */
export const messageTargetsSchema = z
  .array(z.object({ folder: folderPathSchema, uids: z.array(uidSchema).min(1).max(MAX_SELECTED_MESSAGES) }))
  .min(1, "validation.selectAtLeastOne")
  .max(50)
  .refine((targets) => targets.reduce((sum, target) => sum + target.uids.length, 0) <= MAX_SELECTED_MESSAGES, {
    message: "validation.selectAtMost",
    params: { max: MAX_SELECTED_MESSAGES },
  });

const operationFields = { operation: messageOperationSchema, destination: folderPathSchema.nullable().default(null) };
const needsDestination = (input: { operation: MessageOperation; destination: string | null }) => !["move", "copy"].includes(input.operation) || input.destination !== null;
const chooseFolder = { message: "validation.chooseFolder", path: ["destination"] };

export const messageActionSchema = z.object({ ...operationFields, targets: messageTargetsSchema }).refine(needsDestination, chooseFolder);

/** A whole folder or a whole search in it, described by the list's own URL parameters: never by UIDs. */
export const messageSelectionSchema = z.object({
  folder: folderPathSchema,
  search: z
    .array(z.tuple([z.string().max(40), z.string().max(200)]))
    .max(MAX_SEARCH_PARAMS)
    .refine((pairs) => pairs.every(([name, value]) => !CONTROL.test(name) && !CONTROL.test(value)), "validation.searchControl"),
});

export const bulkMessageActionSchema = z
  .object({
    ...operationFields,
    selection: messageSelectionSchema,
    /** The highest UID done so far (0 to start) and the highest the selection covers (null to start). */
    cursor: z.number().int().min(0).max(4_294_967_295),
    upTo: z.number().int().min(0).max(4_294_967_295).nullable(),
  })
  .refine(needsDestination, chooseFolder);

export const undoMessageActionSchema = z.object({ token: z.string().min(1).max(200_000) });
