import { z } from "zod";
import { FOLDER_ROLES } from "@/lib/db/schema";

export const FOLDER_NAME_MAX = 200;
export const FOLDER_PATH_MAX = 1000;

// C0 controls (CR, LF, NUL among them) and DEL: a path is one line in every IMAP command.
const CONTROL = /[\u0000-\u001f\u007f]/;

/** An existing folder's path, as the folder list gave it. */
export const folderPathSchema = z
  .string()
  .min(1, "validation.chooseFolder")
  .max(FOLDER_PATH_MAX, "validation.folderPathTooLong")
  .refine((path) => !CONTROL.test(path), "validation.folderPathControl");

/**
 * A new name for one level of the tree. The server's own delimiter is checked against the server
 * (lib/mail/imap/folder-admin.ts); here "/" and "." (the usual ones) may not start or end it.
 */
export const folderNameSchema = z
  .string()
  .trim()
  .min(1, "validation.folderNameMissing")
  .max(FOLDER_NAME_MAX, "validation.folderNameTooLong")
  .refine((name) => !CONTROL.test(name), "validation.folderNameControl")
  .refine((name) => !/^[/.]|[/.]$/.test(name), "validation.folderNameDelimiter");

/** Where a folder goes: a parent folder, or null for the top of the tree. */
const parentSchema = folderPathSchema.nullable();

export const createFolderSchema = z.object({ parent: parentSchema, name: folderNameSchema });
export const renameFolderSchema = z.object({ path: folderPathSchema, name: folderNameSchema });
export const moveFolderSchema = z.object({ path: folderPathSchema, parent: parentSchema });
export const deleteFolderSchema = z.object({
  path: folderPathSchema,
  /** The message count the reader was warned about; a folder holding more by now is not deleted. */
  confirmedMessages: z.number().int().min(0).max(100_000_000),
});
export const subscribeFolderSchema = z.object({ path: folderPathSchema, subscribed: z.boolean() });
export const emptyFolderSchema = z.object({ folder: z.enum(["trash", "junk"]) });
/** A special folder chosen by hand (null: the one the server marks or names again). */
export const chooseSpecialFolderSchema = z.object({ role: z.enum(FOLDER_ROLES), path: folderPathSchema.nullable() });
