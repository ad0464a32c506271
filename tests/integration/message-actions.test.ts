import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { ImapFlow } from "imapflow";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openUndo, sealUndo } from "@/lib/actions/message-undo-token";
import {
  archiveMessages,
  copyMessages,
  deleteMessages,
  markJunk,
  MessageActionError,
  moveMessages,
  runBulkChunk,
  setMessageFlag,
  undoMessageAction,
  type UndoStep,
} from "@/lib/mail/imap/message-actions";
import { listManagedFolders } from "@/lib/mail/imap/folder-admin";
import { setChosenFolderSource } from "@/lib/mail/imap/special-folders";
import { TEST_AUTH_SECRET } from "../support/app-server";
import { connectImap, createMailbox, mailServer, type TestMailbox } from "../support/mail-server";

const ROOT = path.resolve(import.meta.dirname, "../..");
const ODD_FOLDER = `Kunden "Müller" & Söhne`;

let mailbox: TestMailbox;
let client: ImapFlow;

beforeAll(async () => {
  mailbox = createMailbox("actions");
  client = await connectImap(mailbox);
  await client.mailboxCreate(ODD_FOLDER);
});

afterAll(async () => {
  await client?.logout();
});

/** Appends a message with a known Message-ID and flags; returns its UID. */
async function put(folder: string, flags: string[] = [], on: ImapFlow = client): Promise<{ uid: number; messageId: string }> {
  const messageId = `<${randomBytes(8).toString("hex")}@example.org>`;
  const raw = [
    `From: Ann <ann@example.org>`,
    `To: ${mailbox.email}`,
    `Subject: test ${messageId}`,
    `Message-ID: ${messageId}`,
    `Date: ${new Date().toUTCString()}`,
    "",
    "Hello.",
    "",
  ].join("\r\n");
  const appended = await on.append(folder, raw, flags);
  if (!appended || !appended.uid) throw new Error("append gave no UID");
  return { uid: appended.uid, messageId };
}

/** The messages of a folder with this Message-ID, with their flags (a fresh STATUS-free look). */
async function lookUp(folder: string, messageId: string, on: ImapFlow = client): Promise<{ uid: number; flags: string[] }[]> {
  const lock = await on.getMailboxLock(folder);
  try {
    const uids = (await on.search({ header: { "message-id": messageId } }, { uid: true })) || [];
    if (uids.length === 0) return [];
    const fetched = await on.fetchAll(uids.join(","), { uid: true, flags: true }, { uid: true });
    return fetched.map((message) => ({ uid: message.uid, flags: [...(message.flags ?? [])].filter((flag) => flag !== "\\Recent").sort() }));
  } finally {
    lock.release();
  }
}

describe("message actions on Dovecot", () => {
  it("moves a message by UID MOVE, and Undo brings the very message back with its flags", async () => {
    const { uid, messageId } = await put("INBOX", ["\\Seen", "\\Flagged", "$Label1"]);
    const outcome = await moveMessages(client, "INBOX", [uid], ODD_FOLDER);
    expect(outcome).toMatchObject({ done: 1, missing: 0, destination: ODD_FOLDER });
    expect(await lookUp("INBOX", messageId)).toEqual([]);
    const moved = await lookUp(ODD_FOLDER, messageId);
    expect(moved).toHaveLength(1);
    const step = outcome.undo[0] as Extract<UndoStep, { kind: "move" }>;
    expect(step.from.uids).toEqual([moved[0]!.uid]);

    expect(await undoMessageAction(client, outcome.undo)).toEqual({ restored: 1, missing: 0 });
    expect(await lookUp(ODD_FOLDER, messageId)).toEqual([]);
    expect((await lookUp("INBOX", messageId)).map((message) => message.flags)).toEqual([["$Label1", "\\Flagged", "\\Seen"]]);
  });

  it("copies, and Undo removes only the copy", async () => {
    const { uid, messageId } = await put("INBOX", ["\\Seen"]);
    const outcome = await copyMessages(client, "INBOX", [uid], "Archive");
    expect(await lookUp("Archive", messageId)).toHaveLength(1);
    await undoMessageAction(client, outcome.undo);
    expect(await lookUp("Archive", messageId)).toEqual([]);
    expect(await lookUp("INBOX", messageId)).toEqual([{ uid, flags: ["\\Seen"] }]);
  });

  it("stars and marks read; Undo restores the flags of exactly the messages that changed", async () => {
    const starred = await put("INBOX", ["\\Flagged"]);
    const plain = await put("INBOX", ["\\Seen"]);
    const star = await setMessageFlag(client, "INBOX", [starred.uid, plain.uid], "\\Flagged", true);
    expect((await lookUp("INBOX", plain.messageId))[0]!.flags).toEqual(["\\Flagged", "\\Seen"]);
    await undoMessageAction(client, star.undo);
    expect((await lookUp("INBOX", plain.messageId))[0]!.flags).toEqual(["\\Seen"]);
    expect((await lookUp("INBOX", starred.messageId))[0]!.flags).toEqual(["\\Flagged"]);

    const unread = await setMessageFlag(client, "INBOX", [starred.uid, plain.uid], "\\Seen", false);
    expect((await lookUp("INBOX", plain.messageId))[0]!.flags).toEqual([]);
    await undoMessageAction(client, unread.undo);
    expect((await lookUp("INBOX", plain.messageId))[0]!.flags).toEqual(["\\Seen"]);
    expect((await lookUp("INBOX", starred.messageId))[0]!.flags).toEqual(["\\Flagged"]);
  });

  it("deletes to Trash with Undo; in Trash it deletes for good and leaves other \\Deleted messages alone", async () => {
    const { uid, messageId } = await put("INBOX", ["\\Seen"]);
    const toTrash = await deleteMessages(client, "INBOX", [uid]);
    expect(toTrash).toMatchObject({ permanent: false, destination: "Trash" });
    const inTrash = await lookUp("Trash", messageId);
    expect(inTrash).toHaveLength(1);
    await undoMessageAction(client, toTrash.undo);
    expect(await lookUp("INBOX", messageId)).toHaveLength(1);

    const doomed = await put("Trash");
    const bystander = await put("Trash", ["\\Deleted"]);
    const forever = await deleteMessages(client, "Trash", [doomed.uid]);
    expect(forever).toMatchObject({ permanent: true, done: 1, undo: [] });
    expect(await lookUp("Trash", doomed.messageId)).toEqual([]);
    expect(await lookUp("Trash", bystander.messageId)).toEqual([{ uid: bystander.uid, flags: ["\\Deleted"] }]);
  });

  it("archives with Undo", async () => {
    const { uid, messageId } = await put("INBOX", ["\\Flagged"]);
    const outcome = await archiveMessages(client, "INBOX", [uid]);
    expect(outcome.destination).toBe("Archive");
    expect(await lookUp("Archive", messageId)).toHaveLength(1);
    await undoMessageAction(client, outcome.undo);
    expect((await lookUp("INBOX", messageId)).map((message) => message.flags)).toEqual([["\\Flagged"]]);
    expect(await lookUp("Archive", messageId)).toEqual([]);
  });

  it("reports junk (moved to Junk with $Junk) and not junk (back to the inbox with $NotJunk), each undone to the flags before", async () => {
    const { uid, messageId } = await put("INBOX", ["$NotJunk", "\\Seen"]);
    const junk = await markJunk(client, "INBOX", [uid], true);
    expect(junk.destination).toBe("Junk");
    expect((await lookUp("Junk", messageId)).map((message) => message.flags)).toEqual([["$Junk", "\\Seen"]]);
    await undoMessageAction(client, junk.undo);
    expect(await lookUp("Junk", messageId)).toEqual([]);
    expect((await lookUp("INBOX", messageId)).map((message) => message.flags)).toEqual([["$NotJunk", "\\Seen"]]);

    const spam = await put("Junk", ["$Junk"]);
    const notJunk = await markJunk(client, "Junk", [spam.uid], false);
    expect(notJunk.destination).toBe("INBOX");
    expect((await lookUp("INBOX", spam.messageId)).map((message) => message.flags)).toEqual([["$NotJunk"]]);
    await undoMessageAction(client, notJunk.undo);
    expect((await lookUp("Junk", spam.messageId)).map((message) => message.flags)).toEqual([["$Junk"]]);
  });

  it("acts on a conversation spread over folders, and says which UIDs were gone", async () => {
    const first = await put("INBOX");
    const second = await put(ODD_FOLDER);
    const inbox = await setMessageFlag(client, "INBOX", [first.uid, 999_999], "\\Flagged", true);
    const other = await setMessageFlag(client, ODD_FOLDER, [second.uid], "\\Flagged", true);
    expect(inbox).toMatchObject({ done: 1, missing: 1 });
    expect(other).toMatchObject({ done: 1, missing: 0 });
    await undoMessageAction(client, [...inbox.undo, ...other.undo]);
    expect((await lookUp("INBOX", first.messageId))[0]!.flags).toEqual([]);
    expect((await lookUp(ODD_FOLDER, second.messageId))[0]!.flags).toEqual([]);
  });

  it("refuses a gone folder or gone messages with a clear reason and changes nothing", async () => {
    const { uid, messageId } = await put("INBOX");
    const gone = await moveMessages(client, "INBOX", [uid], "No such folder").catch((error: unknown) => error);
    expect(gone).toBeInstanceOf(MessageActionError);
    expect(gone).toMatchObject({ reason: "folder-gone", details: { folder: "No such folder" } });
    const from = await moveMessages(client, "Vanished", [uid], "Archive").catch((error: unknown) => error);
    expect(from).toMatchObject({ reason: "folder-gone" });
    const missing = await moveMessages(client, "INBOX", [888_888], "Archive").catch((error: unknown) => error);
    expect(missing).toMatchObject({ reason: "messages-gone", details: { count: 1 } });
    expect(await lookUp("INBOX", messageId)).toHaveLength(1);
  });
});

/** A connection to the listener that hides MOVE, UIDPLUS and SPECIAL-USE (scripts/mail-server.sh). */
async function connectLegacy(): Promise<ImapFlow> {
  const text = execFileSync("bash", [path.join(ROOT, "scripts/mail-server.sh"), "env"], { encoding: "utf8" });
  const value = (name: string) => new RegExp(`^${name}=(.*)$`, "m").exec(text)?.[1] ?? "";
  const legacy = new ImapFlow({
    host: value("MAILROOM_LEGACY_IMAP_HOST"),
    port: Number(value("MAILROOM_LEGACY_IMAP_PORT")),
    secure: true,
    // The test certificate names 127.0.0.1 and localhost; this listener is on another loopback address.
    tls: { ca: [readFileSync(mailServer().caFile, "utf8")], servername: "localhost" },
    auth: { user: mailbox.email, pass: mailbox.password },
    logger: false,
  });
  legacy.on("error", () => undefined);
  await legacy.connect();
  return legacy;
}

describe("on a server without MOVE, UIDPLUS and SPECIAL-USE", () => {
  it("moves by COPY + \\Deleted + EXPUNGE that leaves other \\Deleted messages alone, and Undo finds the message by Message-ID", async () => {
    const legacy = await connectLegacy();
    try {
      expect(legacy.capabilities.has("MOVE")).toBe(false);
      expect(legacy.capabilities.has("UIDPLUS")).toBe(false);
      const target = await put("INBOX", ["\\Seen", "\\Flagged"], legacy);
      const bystander = await put("INBOX", ["\\Deleted"], legacy);
      const outcome = await deleteMessages(legacy, "INBOX", [target.uid]);
      expect(outcome).toMatchObject({ destination: "Trash", permanent: false });
      const step = outcome.undo[0] as Extract<UndoStep, { kind: "move" }>;
      expect(step.from).toEqual({ folder: "Trash", uids: null, messageIds: [target.messageId] });
      expect(await lookUp("INBOX", target.messageId)).toEqual([]);
      expect(await lookUp("INBOX", bystander.messageId)).toEqual([{ uid: bystander.uid, flags: ["\\Deleted"] }]);

      expect(await undoMessageAction(legacy, outcome.undo)).toEqual({ restored: 1, missing: 0 });
      expect(await lookUp("Trash", target.messageId)).toEqual([]);
      expect((await lookUp("INBOX", target.messageId)).map((message) => message.flags)).toEqual([["\\Flagged", "\\Seen"]]);
      expect(await lookUp("INBOX", bystander.messageId)).toEqual([{ uid: bystander.uid, flags: ["\\Deleted"] }]);
    } finally {
      await legacy.logout();
    }
  });

  it("uses the folders the user chose by hand for Trash and Archive, over the usual names", async () => {
    const legacy = await connectLegacy();
    try {
      await legacy.mailboxCreate("Papierkorb");
      await legacy.mailboxCreate("Alte Post");
      const { uid, messageId } = await put("INBOX", [], legacy);
      const archived = await put("INBOX", [], legacy);
      setChosenFolderSource(legacy, async () => ({ "\\Trash": "Papierkorb", "\\Archive": "Alte Post" }));
      expect(await deleteMessages(legacy, "INBOX", [uid])).toMatchObject({ destination: "Papierkorb", permanent: false });
      expect(await lookUp("Papierkorb", messageId, legacy)).toHaveLength(1);
      expect(await lookUp("Trash", messageId, legacy)).toEqual([]);
      expect(await archiveMessages(legacy, "INBOX", [archived.uid])).toMatchObject({ destination: "Alte Post" });
      expect(await lookUp("Alte Post", archived.messageId, legacy)).toHaveLength(1);
      // In the chosen Trash, Delete deletes for good; and Settings → Folders protects it as Trash.
      const [inBin] = await lookUp("Papierkorb", messageId, legacy);
      expect(await deleteMessages(legacy, "Papierkorb", [inBin!.uid])).toMatchObject({ permanent: true });
      const managed = await listManagedFolders(legacy);
      expect(managed.find((folder) => folder.path === "Papierkorb")?.specialUse).toBe("\\Trash");
      expect(managed.find((folder) => folder.path === "Trash")?.specialUse).toBe(null);

      // A chosen folder that is gone falls back to the usual name.
      setChosenFolderSource(legacy, async () => ({ "\\Trash": "Gone away" }));
      const again = await put("INBOX", [], legacy);
      expect(await deleteMessages(legacy, "INBOX", [again.uid])).toMatchObject({ destination: "Trash" });
    } finally {
      await legacy.logout();
    }
  });

  it("reports junk and undoes it by Message-ID", async () => {
    const legacy = await connectLegacy();
    try {
      const { uid, messageId } = await put("INBOX", [], legacy);
      const outcome = await markJunk(legacy, "INBOX", [uid], true);
      expect((await lookUp("Junk", messageId)).map((message) => message.flags)).toEqual([["$Junk"]]);
      await undoMessageAction(legacy, outcome.undo);
      expect((await lookUp("INBOX", messageId)).map((message) => message.flags)).toEqual([[]]);
    } finally {
      await legacy.logout();
    }
  });
});

describe("folder-wide actions", () => {
  const SIZE = 10_000;
  let bulk: TestMailbox;
  let bulkClient: ImapFlow;

  beforeAll(async () => {
    bulk = createMailbox("bulk");
    execFileSync("npx", ["tsx", "scripts/seed-mailbox.ts", "--user", bulk.email, "--count", String(SIZE), "--seed", "8", "--folder", "Bulk"], {
      cwd: ROOT,
      stdio: "pipe",
      timeout: 300_000,
    });
    bulkClient = await connectImap(bulk);
  }, 360_000);

  afterAll(async () => {
    await bulkClient?.logout();
  });

  async function countIn(folder: string): Promise<number> {
    const status = await bulkClient.status(folder, { messages: true });
    return status ? (status.messages ?? 0) : -1;
  }

  it("moves 10,000 messages in chunks of 500 by UID SEARCH, reporting progress, and each chunk can be undone", async () => {
    let cursor = 0;
    let upTo: number | null = null;
    let moved = 0;
    const progress: number[] = [];
    const undo: UndoStep[][] = [];
    const started = performance.now();
    for (;;) {
      const chunk = await runBulkChunk(bulkClient, { folder: "Bulk", criteria: { all: true }, cursor, upTo, size: 500 }, (uids) =>
        moveMessages(bulkClient, "Bulk", uids, "Archive"),
      );
      moved += chunk.outcome.done;
      undo.push(chunk.outcome.undo);
      progress.push(moved);
      ({ cursor, upTo } = chunk);
      if (chunk.remaining === 0) break;
    }
    console.log(`bulk move of ${SIZE} messages: ${Math.round(performance.now() - started)} ms in ${progress.length} chunks`);
    expect(moved).toBe(SIZE);
    expect(progress).toHaveLength(SIZE / 500);
    expect(await countIn("Bulk")).toBe(0);
    expect(await countIn("Archive")).toBe(SIZE);

    const restored = await undoMessageAction(bulkClient, undo.at(-1)!);
    expect(restored).toEqual({ restored: 500, missing: 0 });
    expect(await countIn("Bulk")).toBe(500);
  }, 300_000);

  it("stars every message of a search, leaving the rest alone, and new mail after the start is not included", async () => {
    let cursor = 0;
    let upTo: number | null = null;
    let starred = 0;
    let chunks = 0;
    for (;;) {
      const chunk = await runBulkChunk(bulkClient, { folder: "Archive", criteria: { seen: false }, cursor, upTo, size: 200 }, (uids) =>
        setMessageFlag(bulkClient, "Archive", uids, "\\Flagged", true),
      );
      if (chunks === 0) await put("Archive", [], bulkClient);
      chunks++;
      starred += chunk.outcome.done;
      ({ cursor, upTo } = chunk);
      if (chunk.remaining === 0) break;
    }
    const lock = await bulkClient.getMailboxLock("Archive");
    try {
      const unseen = (await bulkClient.search({ seen: false }, { uid: true })) || [];
      const unseenStarred = (await bulkClient.search({ seen: false, flagged: true }, { uid: true })) || [];
      expect(starred).toBeGreaterThan(200);
      expect(starred).toBe(unseen.length - 1);
      expect(unseenStarred.length).toBe(starred);
      expect(chunks).toBe(Math.ceil(starred / 200));
    } finally {
      lock.release();
    }
  });
});

describe("undo tokens", () => {
  it("open only for the user they were sealed for, unchanged", () => {
    for (const [name, value] of Object.entries(mailServer().appEnv)) vi.stubEnv(name, value);
    vi.stubEnv("AUTH_SECRET", TEST_AUTH_SECRET);
    const steps: UndoStep[] = [{ kind: "move", from: { folder: "Archive", uids: [7], messageIds: ["<a@example.org>"] }, to: "INBOX" }];
    const token = sealUndo(steps, "user-1")!;
    expect(openUndo(token, "user-1")).toEqual(steps);
    expect(openUndo(token, "user-2")).toBeNull();
    const tampered = `${token.slice(0, -4)}${token.slice(-4) === "AAAA" ? "BBBB" : "AAAA"}`;
    expect(openUndo(tampered, "user-1")).toBeNull();
    expect(sealUndo([], "user-1")).toBeNull();
    vi.unstubAllEnvs();
  });
});
