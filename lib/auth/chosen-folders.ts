import { database } from "@/lib/db/database";
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

/** The special folders this user chose by hand, in the mail layer's terms. */
export async function chosenFoldersOfUser(userId: string): Promise<ChosenFolders> {
  const choices = await getFolderRoleChoices(await database(), userId);
  return Object.fromEntries(Object.entries(choices).map(([role, path]) => [ROLE_OF[role as FolderRoleName], path]));
}
