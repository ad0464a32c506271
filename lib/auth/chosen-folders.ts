import type { Database } from "@/lib/db/client";
import { getFolderRoleChoices } from "@/lib/db/folder-roles";
import type { FolderRoleName } from "@/lib/db/schema";
import type { ChosenFolders, FolderRole } from "@/lib/mail/imap/special-folders";

const ROLE_OF: Record<FolderRoleName, FolderRole> = {
  archive: "\\Archive",
  trash: "\\Trash",
  junk: "\\Junk",
  sent: "\\Sent",
  drafts: "\\Drafts",
};

/** The special folders this user chose by hand, in the mail layer's terms, as `db` holds them. */
export async function chosenFoldersOfUser(db: Database, userId: string): Promise<ChosenFolders> {
  const choices = await getFolderRoleChoices(db, userId);
  return Object.fromEntries(Object.entries(choices).map(([role, path]) => [ROLE_OF[role as FolderRoleName], path]));
}
