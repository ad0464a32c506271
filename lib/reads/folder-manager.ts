// Server-only (the server-only package is not installed).
import type { CurrentSession } from "@/lib/auth/current-session";
import { database } from "@/lib/db/database";
import { getFolderRoleChoices } from "@/lib/db/folder-roles";
import type { FolderRoleName } from "@/lib/db/schema";
import { listManagedFolders, type ManagedFolder } from "@/lib/mail/imap/folder-admin";
import { readFromMailbox } from "./mailbox-read";
import type { ReadResult } from "./read-result";

/** Settings → Folders: every folder, subscribed or not, in tree order with its counts. */
export function readManagedFolders(session: CurrentSession): Promise<ReadResult<ManagedFolder[], "mailbox">> {
  return readFromMailbox(session, (client) => listManagedFolders(client));
}

/** Settings → Folders: the special folders the user chose by hand (roles left out follow the server). */
export async function readChosenSpecialFolders(session: CurrentSession): Promise<Partial<Record<FolderRoleName, string>>> {
  return getFolderRoleChoices(await database(), session.userId);
}
