import type { ManagedFolder } from "@/lib/mail/imap/folder-admin";

/** A folder's name with its parents ("Projects / Größe & Co"), so two folders of the same name are told apart. */
export function folderLabel(folder: Pick<ManagedFolder, "parents" | "name">): string {
  return [...folder.parents, folder.name].join(" / ");
}
