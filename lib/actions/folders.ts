"use server";

import type { ImapFlow } from "imapflow";
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import type { CurrentSession } from "@/lib/auth/current-session";
import { describeMailboxError } from "@/lib/auth/mailbox-error";
import { withSessionMailbox } from "@/lib/auth/session-mailbox";
import { database } from "@/lib/db/database";
import { setFolderRoleChoice } from "@/lib/db/folder-roles";
import { createFolder, deleteFolder, emptyFolder, findEmptiableFolder, FolderAdminError, moveFolder, renameFolder, setFolderSubscribed } from "@/lib/mail/imap/folder-admin";
import type { ActionResult } from "./result";
import { sessionAction } from "./session-action";
import {
  chooseSpecialFolderSchema,
  createFolderSchema,
  deleteFolderSchema,
  emptyFolderSchema,
  moveFolderSchema,
  renameFolderSchema,
  subscribeFolderSchema,
} from "./folders.validation";

/**
 * Runs a folder change on the session's IMAP connection. A refusal (special folder, name taken,
 * folder gone) comes back in its own words; a failing server in plain words. Every page shows
 * the folder tree, so all of them are refreshed after a change.
 */
async function changeFolders<T>(session: CurrentSession, change: (client: ImapFlow) => Promise<T>): Promise<ActionResult<T>> {
  try {
    const data = await withSessionMailbox(session, change);
    revalidatePath("/", "layout");
    return { ok: true, data };
  } catch (error) {
    if (error instanceof FolderAdminError) {
      const t = await getTranslations("actions.folders.failure");
      return { ok: false, code: "invalid", error: t(error.problem, error.values) };
    }
    return { ok: false, code: "failed", error: describeMailboxError(error, await getTranslations("errors")) };
  }
}

/** Creates a folder under a parent (or at the top); it is subscribed, so it shows in "Folders". */
export const createFolderAction = sessionAction(createFolderSchema, ({ parent, name }, session) =>
  changeFolders(session, async (client) => ({ path: await createFolder(client, parent, name) })),
);

export const renameFolderAction = sessionAction(renameFolderSchema, ({ path, name }, session) =>
  changeFolders(session, async (client) => ({ path: await renameFolder(client, path, name) })),
);

/** Moves a folder and its subfolders under another parent (null: the top of the tree). */
export const moveFolderAction = sessionAction(moveFolderSchema, ({ path, parent }, session) =>
  changeFolders(session, async (client) => ({ path: await moveFolder(client, path, parent) })),
);

/** Deletes a folder with its messages, if it holds no more than the reader was warned about. */
export const deleteFolderAction = sessionAction(deleteFolderSchema, ({ path, confirmedMessages }, session) =>
  changeFolders(session, async (client) => {
    await deleteFolder(client, path, confirmedMessages);
    return null;
  }),
);

export const setFolderSubscribedAction = sessionAction(subscribeFolderSchema, ({ path, subscribed }, session) =>
  changeFolders(session, async (client) => {
    await setFolderSubscribed(client, path, subscribed);
    return { subscribed };
  }),
);

/** Deletes every message in Trash or Junk for good. */
export const emptyFolderAction = sessionAction(emptyFolderSchema, ({ folder }, session) =>
  changeFolders(session, async (client) => {
    const special = await findEmptiableFolder(client, folder === "trash" ? "\\Trash" : "\\Junk");
    if (!special) throw new FolderAdminError("not-found", folder === "trash" ? "noTrash" : "noJunk");
    return { deleted: await emptyFolder(client, special.path) };
  }),
);

/**
 * Chooses the folder for Archive, Trash, Junk, Sent or Drafts by hand (for servers that mark none,
 * or mark another), or goes back to the server's. The folder must exist and hold mail.
 */
export const chooseSpecialFolderAction = sessionAction(chooseSpecialFolderSchema, ({ role, path }, session) =>
  changeFolders(session, async (client) => {
    if (path !== null) {
      const listed = await client.list();
      const folder = listed.find((entry) => entry.path === path);
      if (!folder || [...folder.flags].some((flag) => ["\\noselect", "\\nonexistent"].includes(flag.toLowerCase()))) {
        throw new FolderAdminError("not-found", "folderGone", { folder: path });
      }
    }
    await setFolderRoleChoice(await database(), session.userId, role, path);
    return { role, path };
  }),
);
