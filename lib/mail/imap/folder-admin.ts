import type { ImapFlow, ListResponse } from "imapflow";
import type { Folder, SpecialUse } from "./folders";
import { isMissingMailboxError } from "./missing-mailbox";
import { chosenFoldersOf, matchSpecialFolder, type ChosenFolders, type FolderRole } from "./special-folders";

/**
 * Folder management: create, rename, move (re-parent), delete, subscribe, and emptying Trash or
 * Junk. Paths are the decoded (Unicode) paths imapflow reports; imapflow encodes them to modified
 * UTF-7 in commands. A new folder's name is one level of the tree: a name containing the server's
 * hierarchy delimiter is refused (the parent is chosen separately), so "a/b" never creates two
 * folders by surprise. Special-use folders (Inbox, Drafts, Sent, Archive, Junk, Trash) can't be
 * renamed, moved or deleted, nor can a folder that holds one.
 */

export type FolderAdminFailure = "not-found" | "exists" | "protected" | "invalid-name" | "has-children" | "bad-parent" | "refused";

/** Why a folder change was refused, precisely: lib/actions words it in the reader's language (actions.folders.failure). */
export const FOLDER_PROBLEMS = [
  "gone",
  "folderGone",
  "noTrash",
  "noJunk",
  "noSubfolders",
  "inboxExists",
  "nameTaken",
  "nameExistsThere",
  "intoItself",
  "specialDelete",
  "specialMove",
  "holdsSpecial",
  "hasChildren",
  "grewSinceWarning",
  "inboxAlwaysShown",
  "subscriptionRefused",
  "emptyRefused",
  "changeRefused",
  "nameSpaces",
  "nameDelimiter",
  "nameControl",
] as const;
export type FolderProblem = (typeof FOLDER_PROBLEMS)[number];

/** An expected refusal as a reason code, with what the reader's words need (never the server's own text). */
export class FolderAdminError extends Error {
  constructor(
    readonly reason: FolderAdminFailure,
    readonly problem: FolderProblem,
    readonly values: Record<string, string | number> = {},
  ) {
    super(`Folder change refused: ${problem}`);
    this.name = "FolderAdminError";
  }
}

const ROLES: FolderRole[] = ["\\Drafts", "\\Sent", "\\Archive", "\\Junk", "\\Trash"];

/** One folder as the "Manage folders" page shows it: the folder tree's entry, with what management needs. */
export interface ManagedFolder extends Omit<Folder, "total"> {
  /** False for a level that can't hold mail (\\Noselect): it has no counts and can't be opened. */
  selectable: boolean;
  /** False when the server refuses subfolders here (\\Noinferiors). */
  canHaveChildren: boolean;
  messages: number;
}

/** Every folder (subscribed or not), in tree order, with message and unread counts. */
export async function listManagedFolders(client: ImapFlow): Promise<ManagedFolder[]> {
  // The selected folder's counts lag until its view is synced: sync it first (as listFolderTree does).
  if (client.mailbox !== false) await client.noop();
  const folders = toManaged(await client.list({ statusQuery: { unseen: true, messages: true } }), await chosenFoldersOf(client));
  return folders.sort((a, b) => comparePaths([...a.parents, a.name], [...b.parents, b.name]));
}

/**
 * LIST entries as managed folders. The special folders are the ones lib/mail/imap/special-folders.ts
 * finds (SPECIAL-USE in any case, else the usual names), so the folders mail is moved to are the
 * ones protected here.
 */
function toManaged(entries: ListResponse[], chosen: ChosenFolders): ManagedFolder[] {
  const existing = entries.filter((entry) => !entry.flags.has("\\NonExistent"));
  const roles = new Map<string, SpecialUse>();
  for (const role of ROLES) {
    const path = matchSpecialFolder(existing, role, chosen);
    if (path !== null && !roles.has(path)) roles.set(path, role);
  }
  return existing.map((entry) => {
    const inbox = entry.path.toUpperCase() === "INBOX";
    const selectable = !entry.flags.has("\\Noselect");
    return {
      path: entry.path,
      name: inbox ? "Inbox" : entry.name,
      parents: entry.parent,
      delimiter: entry.delimiter ?? "/",
      specialUse: inbox ? "\\Inbox" : (roles.get(entry.path) ?? null),
      subscribed: Boolean(entry.subscribed) || inbox,
      selectable,
      canHaveChildren: !entry.flags.has("\\Noinferiors"),
      messages: selectable ? (entry.status?.messages ?? 0) : 0,
      unread: selectable ? (entry.status?.unseen ?? 0) : 0,
    };
  });
}

/** Inbox first, then by each level's name. */
function comparePaths(a: string[], b: string[]): number {
  for (let index = 0; index < Math.min(a.length, b.length); index++) {
    const left = a[index]!;
    const right = b[index]!;
    if (index === 0 && (left === "Inbox") !== (right === "Inbox")) return left === "Inbox" ? -1 : 1;
    const order = left.localeCompare(right, undefined, { sensitivity: "base" }) || left.localeCompare(right);
    if (order !== 0) return order;
  }
  return a.length - b.length;
}

/** Creates `name` under `parent` (null: at the top of the tree). Returns the new folder's path; it is subscribed. */
export async function createFolder(client: ImapFlow, parent: string | null, name: string): Promise<string> {
  const folders = await listed(client);
  const delimiter = hierarchyDelimiter(client, folders);
  checkName(name, delimiter);
  let path = name;
  if (parent !== null) {
    const parentFolder = find(folders, parent);
    if (!parentFolder.canHaveChildren) throw new FolderAdminError("bad-parent", "noSubfolders", { folder: parentFolder.name });
    path = `${parentFolder.path}${delimiter}${name}`;
  } else if (name.toUpperCase() === "INBOX") {
    throw new FolderAdminError("exists", "inboxExists");
  }
  if (findOptional(folders, path)) throw new FolderAdminError("exists", "nameTaken", { name });
  const created = await run(() => client.mailboxCreate(path));
  if (!created.created) throw new FolderAdminError("exists", "nameTaken", { name });
  return created.path;
}

/** Gives a folder a new name at the same place in the tree. Returns its new path. */
export async function renameFolder(client: ImapFlow, path: string, newName: string): Promise<string> {
  const folders = await listed(client);
  const folder = find(folders, path);
  const delimiter = hierarchyDelimiter(client, folders);
  checkName(newName, delimiter);
  checkMovable(folders, folder, "renamed");
  const parentPath = folder.parents.length > 0 ? folder.path.slice(0, folder.path.length - folder.name.length - delimiter.length) : null;
  const target = parentPath === null ? newName : `${parentPath}${delimiter}${newName}`;
  if (target === folder.path) return folder.path;
  return relocate(client, folders, folder, target, newName);
}

/** Moves a folder (with its subfolders) under `newParent` (null: to the top of the tree), keeping its name. Returns its new path. */
export async function moveFolder(client: ImapFlow, path: string, newParent: string | null): Promise<string> {
  const folders = await listed(client);
  const folder = find(folders, path);
  const delimiter = hierarchyDelimiter(client, folders);
  checkMovable(folders, folder, "moved");
  let target = folder.name;
  if (newParent !== null) {
    const parent = find(folders, newParent);
    if (parent.path === folder.path || isInside(parent.path, folder.path, delimiter)) {
      throw new FolderAdminError("bad-parent", "intoItself", { folder: folder.name });
    }
    if (!parent.canHaveChildren) throw new FolderAdminError("bad-parent", "noSubfolders", { folder: parent.name });
    target = `${parent.path}${delimiter}${folder.name}`;
  }
  if (target === folder.path) return folder.path;
  return relocate(client, folders, folder, target, folder.name);
}

/**
 * RENAME, keeping subscriptions: a server that leaves them under the old names (RFC 3501 allows
 * it) would otherwise hide the folder and its subfolders from the folder list.
 */
async function relocate(client: ImapFlow, folders: ManagedFolder[], folder: ManagedFolder, target: string, name: string): Promise<string> {
  if (findOptional(folders, target)) throw new FolderAdminError("exists", "nameTaken", { name });
  const delimiter = folder.delimiter;
  const moving = folders.filter((entry) => entry.path === folder.path || isInside(entry.path, folder.path, delimiter));
  const renamed = await run(() => client.mailboxRename(folder.path, target));
  const newPath = renamed.newPath ?? target;
  const after = await listed(client);
  for (const entry of moving) {
    if (!entry.subscribed) continue;
    const moved = findOptional(after, newPath + entry.path.slice(folder.path.length));
    if (moved && !moved.subscribed) await client.mailboxSubscribe(moved.path);
    await client.mailboxUnsubscribe(entry.path).catch(() => false);
  }
  return newPath;
}

/**
 * Deletes a folder and the messages in it. Refused for special-use folders, for a folder that has
 * subfolders (delete or move those first), and when it now holds more messages than the
 * `confirmedMessages` the reader agreed to lose (mail arrived since the warning).
 */
export async function deleteFolder(client: ImapFlow, path: string, confirmedMessages: number): Promise<void> {
  const folders = await listed(client);
  const folder = find(folders, path);
  if (folder.specialUse) throw new FolderAdminError("protected", "specialDelete", { folder: folder.name });
  const children = folders.filter((entry) => isInside(entry.path, folder.path, folder.delimiter));
  if (children.length > 0) throw new FolderAdminError("has-children", "hasChildren", { folder: folder.name });
  const status = folder.selectable ? await run(() => client.status(folder.path, { messages: true })) : false;
  const messages = status ? (status.messages ?? 0) : 0;
  if (messages > confirmedMessages) {
    throw new FolderAdminError("refused", "grewSinceWarning", { folder: folder.name, count: messages });
  }
  await run(() => client.mailboxDelete(folder.path));
  // A deleted folder stays in the subscription list on some servers; it would linger as a parent.
  await client.mailboxUnsubscribe(folder.path).catch(() => false);
}

export async function setFolderSubscribed(client: ImapFlow, path: string, subscribed: boolean): Promise<void> {
  const folder = find(await listed(client), path);
  if (!subscribed && folder.specialUse === "\\Inbox") throw new FolderAdminError("protected", "inboxAlwaysShown");
  const done = await run(() => (subscribed ? client.mailboxSubscribe(folder.path) : client.mailboxUnsubscribe(folder.path)));
  if (!done) throw new FolderAdminError("refused", "subscriptionRefused");
}

/** The folder to empty for "Empty Trash" / "Empty Junk", or null when the account has none. */
export async function findEmptiableFolder(client: ImapFlow, use: "\\Trash" | "\\Junk"): Promise<ManagedFolder | null> {
  return (await listed(client)).find((folder) => folder.specialUse === use) ?? null;
}

/**
 * Removes every message of the folder (for emptying Trash or Junk): flags all UIDs below UIDNEXT
 * \\Deleted and expunges them (UID EXPUNGE where the server has UIDPLUS). Messages arriving
 * meanwhile get higher UIDs and stay. Returns how many messages were removed.
 */
export async function emptyFolder(client: ImapFlow, path: string): Promise<number> {
  const lock = await run(() => client.getMailboxLock(path));
  try {
    const mailbox = client.mailbox;
    if (!mailbox || mailbox.exists === 0) return 0;
    const count = mailbox.exists;
    const done = await client.messageDelete(`1:${Math.max(1, mailbox.uidNext - 1)}`, { uid: true });
    if (!done) throw new FolderAdminError("refused", "emptyRefused");
    return count;
  } finally {
    lock.release();
  }
}

async function listed(client: ImapFlow): Promise<ManagedFolder[]> {
  const [entries, chosen] = await Promise.all([client.list(), chosenFoldersOf(client)]);
  return toManaged(entries, chosen);
}

function hierarchyDelimiter(client: ImapFlow, folders: ManagedFolder[]): string {
  return client.namespace?.delimiter || folders[0]?.delimiter || "/";
}

function find(folders: ManagedFolder[], path: string): ManagedFolder {
  const folder = findOptional(folders, path);
  if (!folder) throw new FolderAdminError("not-found", "gone");
  return folder;
}

function findOptional(folders: ManagedFolder[], path: string): ManagedFolder | undefined {
  const upper = path.toUpperCase() === "INBOX";
  return folders.find((folder) => (upper ? folder.path.toUpperCase() === "INBOX" : folder.path === path));
}

function isInside(path: string, ancestor: string, delimiter: string): boolean {
  return path.startsWith(`${ancestor}${delimiter}`);
}

function checkMovable(folders: ManagedFolder[], folder: ManagedFolder, verb: "renamed" | "moved") {
  if (folder.specialUse) throw new FolderAdminError("protected", "specialMove", { folder: folder.name, change: verb });
  const special = folders.find((entry) => entry.specialUse && isInside(entry.path, folder.path, folder.delimiter));
  if (special) throw new FolderAdminError("protected", "holdsSpecial", { folder: folder.name, special: special.name, change: verb });
}

/** The name rules the server's hierarchy decides (length and control characters are checked by the action's schema too). */
export function checkName(name: string, delimiter: string): void {
  if (name.trim() === "" || name !== name.trim()) throw new FolderAdminError("invalid-name", "nameSpaces");
  if (name.includes(delimiter)) {
    throw new FolderAdminError("invalid-name", "nameDelimiter", { delimiter });
  }
  // C0 controls and DEL; the path stays one line in every IMAP command.
  if (/[\u0000-\u001f\u007f]/.test(name)) throw new FolderAdminError("invalid-name", "nameControl");
}

/** Runs an IMAP command; a folder that vanished meanwhile becomes "not-found", a NO from the server "refused". */
async function run<T>(command: () => Promise<T>): Promise<T> {
  try {
    return await command();
  } catch (error) {
    if (isMissingMailboxError(error)) throw new FolderAdminError("not-found", "gone");
    const code = (error as { serverResponseCode?: string } | null)?.serverResponseCode;
    if (code === "ALREADYEXISTS") throw new FolderAdminError("exists", "nameExistsThere");
    if (["NO", "BAD"].includes((error as { responseStatus?: string } | null)?.responseStatus ?? "")) {
      throw new FolderAdminError("refused", "changeRefused");
    }
    throw error;
  }
}
