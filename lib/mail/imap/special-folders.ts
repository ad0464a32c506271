import type { ImapFlow, ListResponse } from "imapflow";
import type { SpecialUse } from "./folders";

export type FolderRole = Exclude<SpecialUse, "\\Inbox">;

export class MissingFolderError extends Error {
  constructor(readonly use: FolderRole) {
    super(`no ${use} folder`);
    this.name = "MissingFolderError";
  }
}

/** What the matching needs of a LIST entry (imapflow's ListResponse has it). */
export interface ListedFolder {
  path: string;
  delimiter?: string | null;
  flags: Set<string>;
}

/** Folders the user chose by hand for some roles (Settings → Folders), winning over attributes and names. */
export type ChosenFolders = Partial<Record<FolderRole, string>>;

const chosenFolderSources = new WeakMap<ImapFlow, () => Promise<ChosenFolders>>();

/**
 * Where this connection's user keeps their own choices of special folders: asked only when a
 * special folder is looked up. One connection serves one session, so one user.
 */
export function setChosenFolderSource(client: ImapFlow, load: () => Promise<ChosenFolders>): void {
  chosenFolderSources.set(client, load);
}

/** The user's own choices for this connection (none when nothing was set). */
export async function chosenFoldersOf(client: ImapFlow): Promise<ChosenFolders> {
  return (await chosenFolderSources.get(client)?.()) ?? {};
}

/** Usual names of each folder on servers without SPECIAL-USE, lower case, best first. */
const COMMON_NAMES: Record<FolderRole, string[]> = {
  "\\Archive": ["archive", "archives"],
  "\\Trash": ["trash", "deleted items", "deleted messages", "bin"],
  "\\Junk": ["junk", "spam", "junk e-mail", "junk email", "bulk mail"],
  "\\Sent": ["sent", "sent items", "sent messages", "sent mail", "gesendet"],
  "\\Drafts": ["drafts", "draft", "entwürfe"],
};

/**
 * The folder for a role: the user's own choice while that folder exists, else the one whose LIST
 * attributes carry the special-use flag (compared without case, as some servers send `\trash`),
 * else one with a usual name at the top of the tree or right under INBOX (Courier and Cyrus keep
 * everything under `INBOX.`).
 */
export function matchSpecialFolder(folders: ListedFolder[], use: FolderRole, chosen: ChosenFolders = {}): string | null {
  const mine = chosen[use];
  if (mine !== undefined && folders.some((folder) => folder.path === mine && !hasFlag(folder, "\\noselect"))) return mine;
  const flag = use.toLowerCase();
  const byUse = folders.find((folder) => [...folder.flags].some((candidate) => candidate.toLowerCase() === flag) && !hasFlag(folder, "\\noselect"));
  if (byUse) return byUse.path;
  for (const name of COMMON_NAMES[use]) {
    const byName = folders.find((folder) => !hasFlag(folder, "\\noselect") && topLevelName(folder)?.toLowerCase() === name);
    if (byName) return byName.path;
  }
  return null;
}

/** The folder's own name when it sits at the top of the tree or directly under INBOX; null deeper down. */
function topLevelName(folder: ListedFolder): string | null {
  const delimiter = folder.delimiter || null;
  if (!delimiter) return folder.path;
  const parts = folder.path.split(delimiter);
  if (parts.length === 1) return parts[0]!;
  if (parts.length === 2 && parts[0]!.toUpperCase() === "INBOX") return parts[1]!;
  return null;
}

function hasFlag(folder: ListedFolder, lowerCaseFlag: string): boolean {
  return [...folder.flags].some((flag) => flag.toLowerCase() === lowerCaseFlag);
}

/** The folder with this special use (RFC 6154), else one with a usual name; throws MissingFolderError. */
export async function findSpecialFolder(client: ImapFlow, use: FolderRole): Promise<string> {
  const found = matchSpecialFolder(await client.list(), use, await chosenFoldersOf(client));
  if (!found) throw new MissingFolderError(use);
  return found;
}

/**
 * The Archive folder, created when the server has none: "Archive" where the other folders live
 * (under `INBOX.` when the server keeps them there), marked \Archive where the server allows it.
 */
export async function findOrCreateArchive(client: ImapFlow): Promise<string> {
  const listed = await client.list();
  const found = matchSpecialFolder(listed, "\\Archive", await chosenFoldersOf(client));
  if (found) return found;
  const path = archivePathFor(listed);
  await client.mailboxCreate(path);
  await client.mailboxSubscribe(path).catch(() => undefined);
  return path;
}

/** Where a new Archive goes: beside the other folders, under the INBOX prefix if that is where they are. */
export function archivePathFor(folders: Pick<ListResponse, "path" | "delimiter">[]): string {
  const others = folders.filter((folder) => folder.path.toUpperCase() !== "INBOX");
  const delimiter = folders.find((folder) => folder.delimiter)?.delimiter ?? "/";
  const underInbox = others.length > 0 && others.every((folder) => folder.path.toUpperCase().startsWith(`INBOX${delimiter}`));
  return underInbox ? `INBOX${delimiter}Archive` : "Archive";
}
