// Server-only (the server-only package is not installed).
import type { CurrentSession } from "@/lib/auth/current-session";
import { chosenFoldersOf, matchSpecialFolder, type FolderRole } from "@/lib/mail/imap/special-folders";
import { readFromMailbox } from "./mailbox-read";
import type { ReadResult } from "./read-result";

export interface FolderChoice {
  path: string;
}

export interface FolderChoices {
  /** Every folder that can hold mail, for "Move to…" and "Copy to…". */
  folders: FolderChoice[];
  /** The Trash and Junk folders, so the toolbars offer "Delete forever" and "Not junk" there. */
  trash: string | null;
  junk: string | null;
}

const ROLES: FolderRole[] = ["\\Trash", "\\Junk"];

/** The folders a message can be moved or copied to (one LIST, no counts). */
export function readFolderChoices(session: CurrentSession): Promise<ReadResult<FolderChoices, "mailbox">> {
  return readFromMailbox(session, async (client) => {
    const listed = (await client.list()).filter((entry) => ![...entry.flags].some((flag) => ["\\noselect", "\\nonexistent"].includes(flag.toLowerCase())));
    const chosen = await chosenFoldersOf(client);
    const [trash, junk] = ROLES.map((role) => matchSpecialFolder(listed, role, chosen));
    const folders = listed.map((entry) => ({ path: entry.path })).sort((a, b) => rank(a.path) - rank(b.path) || a.path.localeCompare(b.path));
    return { folders, trash: trash ?? null, junk: junk ?? null };
  });
}

function rank(path: string): number {
  return path.toUpperCase() === "INBOX" ? 0 : 1;
}
