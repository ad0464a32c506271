import type { ImapFlow } from "imapflow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createFolder,
  deleteFolder,
  emptyFolder,
  FolderAdminError,
  listManagedFolders,
  moveFolder,
  renameFolder,
  setFolderSubscribed,
  type ManagedFolder,
} from "@/lib/mail/imap/folder-admin";
import { listFolderTree, type FolderNode } from "@/lib/mail/imap/folders";
import { connectImap, createMailbox, type TestMailbox } from "../support/mail-server";
import { rawMessage } from "./list-support";

let mailbox: TestMailbox;
let client: ImapFlow;

beforeAll(async () => {
  mailbox = createMailbox("folderadmin");
  client = await connectImap(mailbox);
});

afterAll(async () => {
  await client?.logout();
});

async function folder(path: string): Promise<ManagedFolder | undefined> {
  return (await listManagedFolders(client)).find((entry) => entry.path === path);
}

/** The paths the folder navigation shows (subscribed folders and the special ones), flattened. */
async function navPaths(): Promise<string[]> {
  const flatten = (nodes: FolderNode[]): string[] => nodes.flatMap((node) => [node.path, ...flatten(node.children)]);
  return flatten(await listFolderTree(client));
}

async function refusal(run: () => Promise<unknown>): Promise<FolderAdminError> {
  const error = await run().then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(FolderAdminError);
  return error as FolderAdminError;
}

/** Opens a fresh connection and reads the raw LIST line of a folder, to see its name on the wire. */
async function listedOnWire(path: string): Promise<string | undefined> {
  const other = await connectImap(mailbox);
  try {
    return (await other.list()).find((entry) => entry.path === path)?.pathAsListed;
  } finally {
    await other.logout();
  }
}

describe("creating folders", () => {
  it("creates folders with accents, quotes, ampersands and spaces, subscribed and shown in the navigation", async () => {
    const names = ["Réunions 2026", 'Q&A "draft"', "Name with spaces"];
    let seen = 0;
    for (const name of names) {
      const path = await createFolder(client, null, name);
      expect(path).toBe(name);
      const created = await folder(path);
      expect(created).toMatchObject({ name, subscribed: true, specialUse: null, selectable: true, messages: 0 });
      seen++;
    }
    expect(seen).toBe(names.length);
    expect(await navPaths()).toEqual(expect.arrayContaining(names));
    // imapflow writes non-ASCII and "&" in modified UTF-7 on the wire and decodes it back.
    expect(await listedOnWire("Réunions 2026")).toBe("R&AOk-unions 2026");
    expect(await listedOnWire('Q&A "draft"')).toBe('Q&-A "draft"');
  });

  it("creates a folder under a parent with the server's hierarchy delimiter", async () => {
    await createFolder(client, null, "Projects");
    const path = await createFolder(client, "Projects", "Größe & Co");
    expect(path).toBe("Projects/Größe & Co");
    expect(await folder(path)).toMatchObject({ name: "Größe & Co", parents: ["Projects"], subscribed: true });
  });

  it("refuses a name with the delimiter, an empty name and a folder that already exists", async () => {
    expect((await refusal(() => createFolder(client, null, "a/b"))).reason).toBe("invalid-name");
    expect(await refusal(() => createFolder(client, null, "a/b"))).toMatchObject({ problem: "nameDelimiter", values: { delimiter: "/" } });
    expect((await refusal(() => createFolder(client, null, " "))).reason).toBe("invalid-name");
    expect((await refusal(() => createFolder(client, null, "line\r\nbreak"))).reason).toBe("invalid-name");
    expect((await refusal(() => createFolder(client, null, "Projects"))).reason).toBe("exists");
    expect((await refusal(() => createFolder(client, null, "inbox"))).reason).toBe("exists");
    expect((await refusal(() => createFolder(client, "No such parent", "Child"))).reason).toBe("not-found");
    expect((await listManagedFolders(client)).some((entry) => entry.path === "a" || entry.path === "a/b")).toBe(false);
  });
});

describe("renaming and moving", () => {
  it("renames a folder with its subfolders, keeping messages and subscriptions", async () => {
    const parent = await createFolder(client, null, "Old name");
    const child = await createFolder(client, parent, "Child");
    await client.append(child, rawMessage({ subject: "Kept across the rename", date: new Date() }), []);

    const renamed = await renameFolder(client, parent, "Nouveau nom “é”");
    expect(renamed).toBe("Nouveau nom “é”");
    expect(await folder("Old name")).toBeUndefined();
    expect(await folder("Nouveau nom “é”/Child")).toMatchObject({ subscribed: true, messages: 1 });
    const nav = await navPaths();
    expect(nav).toEqual(expect.arrayContaining(["Nouveau nom “é”", "Nouveau nom “é”/Child"]));
    expect(nav).not.toContain("Old name");
    expect(nav).not.toContain("Old name/Child");
  });

  it("moves a folder under another parent and back to the top", async () => {
    const moving = await createFolder(client, null, "Mover");
    await createFolder(client, moving, "Inner");
    const target = await createFolder(client, null, "Target parent");

    expect(await moveFolder(client, moving, target)).toBe("Target parent/Mover");
    expect(await folder("Target parent/Mover/Inner")).toMatchObject({ subscribed: true, parents: ["Target parent", "Mover"] });
    expect(await folder("Mover")).toBeUndefined();

    expect(await moveFolder(client, "Target parent/Mover", null)).toBe("Mover");
    expect(await folder("Mover/Inner")).toMatchObject({ subscribed: true });
  });

  it("refuses moving a folder into itself, a clash of names and a folder that is gone", async () => {
    await createFolder(client, null, "Loop");
    await createFolder(client, "Loop", "Sub");
    expect((await refusal(() => moveFolder(client, "Loop", "Loop/Sub"))).reason).toBe("bad-parent");
    expect((await refusal(() => moveFolder(client, "Loop", "Loop"))).reason).toBe("bad-parent");
    await createFolder(client, null, "Sub");
    expect((await refusal(() => moveFolder(client, "Loop/Sub", null))).reason).toBe("exists");
    expect((await refusal(() => renameFolder(client, "Loop", "Projects"))).reason).toBe("exists");
    expect((await refusal(() => renameFolder(client, "Gone already", "Anything"))).reason).toBe("not-found");
    expect((await refusal(() => renameFolder(client, "Loop", "x/y"))).reason).toBe("invalid-name");
    expect(await folder("Loop/Sub")).toBeDefined();
  });
});

describe("special-use folders", () => {
  it("can't be renamed, moved, deleted or unsubscribed (the Inbox)", async () => {
    const specials = (await listManagedFolders(client)).filter((entry) => entry.specialUse !== null);
    expect(specials.map((entry) => entry.specialUse).sort()).toEqual(["\\Archive", "\\Drafts", "\\Inbox", "\\Junk", "\\Sent", "\\Trash"]);
    let refused = 0;
    for (const special of specials) {
      expect((await refusal(() => renameFolder(client, special.path, `${special.name} 2`))).reason).toBe("protected");
      expect((await refusal(() => moveFolder(client, special.path, "Projects"))).reason).toBe("protected");
      expect((await refusal(() => deleteFolder(client, special.path, 1_000_000))).reason).toBe("protected");
      refused++;
    }
    expect(refused).toBe(6);
    expect((await refusal(() => setFolderSubscribed(client, "INBOX", false))).reason).toBe("protected");
    expect(await refusal(() => deleteFolder(client, "INBOX", 0))).toMatchObject({ problem: "specialDelete", values: { folder: "Inbox" } });
    expect((await listManagedFolders(client)).filter((entry) => entry.specialUse !== null)).toHaveLength(6);
  });
});

describe("deleting", () => {
  it("deletes an empty folder, and a folder with messages only up to the count the reader confirmed", async () => {
    const empty = await createFolder(client, null, "Empty one");
    await deleteFolder(client, empty, 0);
    expect(await folder(empty)).toBeUndefined();
    expect(await navPaths()).not.toContain(empty);

    const full = await createFolder(client, null, "Full one");
    for (const subject of ["One", "Two"]) await client.append(full, rawMessage({ subject, date: new Date() }), []);
    const stale = await refusal(() => deleteFolder(client, full, 1));
    expect(stale).toMatchObject({ problem: "grewSinceWarning", values: { folder: "Full one", count: 2 } });
    expect(await folder(full)).toMatchObject({ messages: 2 });
    await deleteFolder(client, full, 2);
    expect(await folder(full)).toBeUndefined();
  });

  it("refuses a folder with subfolders and one that no longer exists", async () => {
    expect((await refusal(() => deleteFolder(client, "Projects", 0))).reason).toBe("has-children");
    expect((await refusal(() => deleteFolder(client, "Never was", 0))).reason).toBe("not-found");
  });
});

describe("subscriptions", () => {
  it("unsubscribes and subscribes again; the navigation follows", async () => {
    const path = await createFolder(client, null, "Quiet list");
    await setFolderSubscribed(client, path, false);
    expect(await folder(path)).toMatchObject({ subscribed: false });
    expect(await navPaths()).not.toContain(path);
    await setFolderSubscribed(client, path, true);
    expect(await folder(path)).toMatchObject({ subscribed: true });
    expect(await navPaths()).toContain(path);
  });
});

describe("emptying Trash", () => {
  it("removes every message of Trash and nothing elsewhere, even messages already marked deleted in other folders", async () => {
    for (const subject of ["T1", "T2", "T3"]) await client.append("Trash", rawMessage({ subject, date: new Date() }), ["\\Seen"]);
    await client.append("INBOX", rawMessage({ subject: "Marked deleted in the Inbox", date: new Date() }), ["\\Deleted"]);
    expect(await emptyFolder(client, "Trash")).toBe(3);
    expect(await folder("Trash")).toMatchObject({ messages: 0 });
    expect(await folder("INBOX")).toMatchObject({ messages: 1 });
    expect(await emptyFolder(client, "Trash")).toBe(0);
  });
});
