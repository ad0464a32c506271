import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentSession } from "@/lib/auth/current-session";
import type { DatabaseHandle } from "@/lib/db/client";
import { updateUserSettings } from "@/lib/db/user-settings";
import { upsertUserOnSignIn } from "@/lib/db/users";
import { ImapPool } from "@/lib/mail/imap/pool";
import { readMessageFrame } from "@/lib/reads/message-frame";
import { readMessageList, type MessageListRequest } from "@/lib/reads/message-list";
import { readMessageView } from "@/lib/reads/message-view";
import errors from "@/messages/en/errors.json";
import { connectImap, createMailbox, mailServer, type TestMailbox } from "../support/mail-server";
import { openTestDatabase } from "../support/test-database";
import { connectLogged, rawMessage } from "./list-support";

// What one list read and one message open ask the IMAP server, command by command, on the
// session's pooled connection once it is warm (the folder already selected, the thread index and
// the Sent index built): every round trip here is paid by every click in the app.
const app = vi.hoisted(() => ({ pool: undefined as unknown, db: undefined as unknown, commands: [] as string[] }));
vi.mock("@/lib/auth/imap-pool-instance", () => ({ imapPool: () => app.pool }));
vi.mock("@/lib/db/database", () => ({ database: async () => app.db }));
vi.mock("@/lib/env", () => ({ env: () => ({ authservId: undefined }) }));

let handle: DatabaseHandle;
let mailbox: TestMailbox;
let session: CurrentSession;
const uids: Record<string, number> = {};
const EMPTY_QUERY = { text: "", from: "", to: "", subject: "", hasAttachment: false, unread: false, starred: false, since: "", before: "", allFolders: false };
const PAGE_ONE: MessageListRequest = { folder: "INBOX", page: 0, sort: "date", query: EMPTY_QUERY };

/** A command without its tag, UIDs, sequence numbers, Message-IDs and quoting: its shape. A FETCH of the message's content is "BODY FETCH" (how it is split up is the render path's business). */
function shape(command: string): string {
  if (/\bFETCH\b/i.test(command) && /\b(?:BODY(?:\.PEEK)?\[\]|BINARY(?:\.PEEK)?\[)/i.test(command)) return "BODY FETCH";
  return command
    .replace(/^\S+ /, "")
    .replace(/<[^<>@\s]+@[^<>\s]+>/g, "<ID>")
    .replace(/[\d:,*]+/g, "N")
    .replace(/"/g, "")
    .trim();
}

/** The shapes of the commands `run` sends on the session's connection. */
async function commandsOf(run: () => Promise<unknown>): Promise<string[]> {
  const before = app.commands.length;
  await run();
  return app.commands.slice(before).map(shape);
}

beforeAll(async () => {
  handle = await openTestDatabase();
  app.db = handle.db;
  mailbox = createMailbox("read-commands");
  app.pool = new ImapPool({
    server: { host: mailServer().imapHost, port: mailServer().imapPort, security: "tls" },
    idleTimeoutMs: 60_000,
    maxConnections: 10,
    connect: async () => {
      const logged = await connectLogged(mailbox);
      app.commands = logged.commands;
      return logged.client;
    },
  });
  const user = await upsertUserOnSignIn(handle.db, mailbox.email);
  session = {
    sessionId: "session-commands",
    rowId: "row-commands",
    userId: user.id,
    email: mailbox.email,
    imapCredentials: () => ({ user: mailbox.email, password: mailbox.password }),
  };

  const setup = await connectImap(mailbox);
  try {
    const day = (n: number) => new Date(Date.UTC(2026, 9, n, 9, 0, 0));
    const html = "text/html; charset=utf-8";
    const append = async (name: string, message: Parameters<typeof rawMessage>[0], flags: string[] = []) => {
      const result = await setup.append("INBOX", rawMessage(message), flags, message.date);
      uids[name] = Number(result && result.uid);
    };
    await append("read", { subject: "Already read", date: day(1) }, ["\\Seen"]);
    await append("root", { subject: "Plans", messageId: "<plans-root@example.org>", date: day(2) });
    await append("reply", {
      subject: "Re: Plans",
      messageId: "<plans-reply@example.org>",
      inReplyTo: "<plans-root@example.org>",
      references: ["<plans-root@example.org>"],
      date: day(3),
    });
    await append("single", { subject: "Alone", body: "<p>Just one message.</p>", contentType: html, date: day(4) });
    await setup.mailboxCreate("Other");
    await setup.append("Other", rawMessage({ subject: "Elsewhere", date: day(5) }), [], day(5));
  } finally {
    await setup.logout();
  }
});

afterAll(async () => {
  await (app.pool as ImapPool | undefined)?.closeAll();
  await handle?.close();
});

describe("the IMAP commands of one read", () => {
  it("lists page 1 of conversations with one STATUS, after the rows, and no SELECT of the open folder", async () => {
    await readMessageList(session, PAGE_ONE);
    let result: Awaited<ReturnType<typeof readMessageList>> | undefined;
    const commands = await commandsOf(async () => (result = await readMessageList(session, PAGE_ONE)));
    expect(commands).toEqual([
      "NOOP",
      "UID FETCH N (UID FLAGS INTERNALDATE RFCN.SIZE MODSEQ BODY.PEEK[HEADER.FIELDS (from subject date message-id in-reply-to content-type)])",
      "UID FETCH N (UID PREVIEW)",
      "UID FETCH N (UID FLAGS MODSEQ)",
      "STATUS INBOX (UNSEEN)",
    ]);
    if (!result?.ok || result.data.listing.kind !== "conversations") throw new Error("expected a conversation page");
    // The count read after the rows matches them: the conversation of two and "Alone" are unread.
    expect(result.data.unread).toBe(3);
    expect(result.data.listing.result.conversations.reduce((sum, conversation) => sum + conversation.unread, 0)).toBe(3);
  });

  it("lists page 1 of messages the same way", async () => {
    await updateUserSettings(handle.db, session.userId, { conversationView: false });
    try {
      const commands = await commandsOf(() => readMessageList(session, PAGE_ONE));
      expect(commands).toEqual([
        "NOOP",
        "FETCH N (UID FLAGS INTERNALDATE RFCN.SIZE MODSEQ BODY.PEEK[HEADER.FIELDS (from subject date message-id in-reply-to content-type)])",
        "UID FETCH N (UID PREVIEW)",
        "STATUS INBOX (UNSEEN)",
      ]);
    } finally {
      await updateUserSettings(handle.db, session.userId, { conversationView: true });
    }
  });

  it("selects another folder without a STATUS before it: the one STATUS is the count after the rows", async () => {
    const commands = await commandsOf(() => readMessageList(session, { ...PAGE_ONE, folder: "Other" }));
    expect(commands.some((command) => /^SELECT Other\b/.test(command))).toBe(true);
    expect(commands.filter((command) => command.startsWith("STATUS"))).toEqual(["STATUS Other (UNSEEN)"]);
    expect(commands.at(-1)).toBe("STATUS Other (UNSEEN)");
  });

  it("still says that a folder is gone (STATUS asked only then)", async () => {
    const result = await readMessageList(session, { ...PAGE_ONE, folder: "Gone" });
    expect(result).toEqual({ ok: false, code: "mailbox", error: errors.mailbox.folderGone });
  });

  it("opens a message and serves its frame with one body FETCH and no command for the frame", async () => {
    await readMessageView(session, { folder: "INBOX", uid: uids.single! });
    let view: Awaited<ReturnType<typeof readMessageView>> | undefined;
    const commands = await commandsOf(async () => (view = await readMessageView(session, { folder: "INBOX", uid: uids.single! })));
    // The body first (the conversation is looked up while the render worker parses and sanitises
    // it), then the conversation: the opened message's headers, a SEARCH bounded to a window of
    // the folder, the matches' dates, and whether Sent changed since its index was built.
    expect(commands).toEqual([
      "BODY FETCH",
      "UID FETCH N (UID MODSEQ BODY.PEEK[HEADER.FIELDS (subject date message-id in-reply-to references)])",
      "UID SEARCH N OR OR HEADER MESSAGE-ID <ID> HEADER REFERENCES <ID> HEADER IN-REPLY-TO <ID>",
      "UID FETCH N (UID INTERNALDATE MODSEQ BODY.PEEK[HEADER.FIELDS (date message-id)])",
      "STATUS Sent (MESSAGES UIDNEXT UIDVALIDITY)",
    ]);
    if (!view?.ok) throw new Error("expected the message");
    const { message, remoteAllowed } = view.data.entries[0]!;
    const frame = await commandsOf(() =>
      readMessageFrame(session, { folder: "INBOX", uid: String(uids.single) }, { allowRemote: remoteAllowed, uidValidity: message.uidValidity }),
    );
    expect(frame).toEqual([]);
  });
});
