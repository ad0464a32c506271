import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentSession } from "@/lib/auth/current-session";
import { ImapPool } from "@/lib/mail/imap/pool";
import { readFolderCounts } from "@/lib/reads/folder-counts";
import { connectImap, createMailbox, mailServer, type TestMailbox } from "../support/mail-server";
import { connectLogged, rawMessage } from "./list-support";

// The read uses the app's pool; here it is a pool whose connection records the commands it sends.
const app = vi.hoisted(() => ({ pool: undefined as unknown, logs: [] as string[][] }));
vi.mock("@/lib/auth/imap-pool-instance", () => ({ imapPool: () => app.pool }));

let mailbox: TestMailbox;
let session: CurrentSession;

beforeAll(async () => {
  mailbox = createMailbox("counts");
  app.pool = new ImapPool({
    server: { host: mailServer().imapHost, port: mailServer().imapPort, security: "tls" },
    idleTimeoutMs: 60_000,
    maxConnections: 2,
    connect: async () => {
      const logged = await connectLogged(mailbox);
      app.logs.push(logged.commands);
      return logged.client;
    },
  });
  session = { sessionId: "counts-session", rowId: "row-counts", userId: "user-counts", email: mailbox.email, imapCredentials: () => ({ ...mailbox, user: mailbox.email }) };
  const setup = await connectImap(mailbox);
  try {
    await setup.mailboxCreate("Lists");
    await setup.append("INBOX", rawMessage({ subject: "In the inbox", date: new Date() }), []);
  } finally {
    await setup.logout();
  }
});

afterAll(async () => {
  await (app.pool as ImapPool).closeAll();
});

async function deliver(folder: string, subject: string, flags: string[] = []) {
  const other = await connectImap(mailbox);
  try {
    await other.append(folder, rawMessage({ subject, date: new Date() }), flags);
  } finally {
    await other.logout();
  }
}

describe("folder counts for the navigation", () => {
  it("sees mail delivered to another folder while the session's connection has the Inbox open, in one LIST-STATUS", async () => {
    // A page load leaves the Inbox selected on the pooled connection.
    await (app.pool as ImapPool).run(session.sessionId, session.imapCredentials, async (client) => {
      const lock = await client.getMailboxLock("INBOX");
      lock.release();
    });
    const before = await readFolderCounts(session, ["INBOX", "Lists", "Trash"]);
    expect(before).toEqual({ ok: true, data: { INBOX: { unread: 1, total: 1 }, Lists: { unread: 0, total: 0 }, Trash: { unread: 0, total: 0 } } });

    await deliver("Lists", "Weekly digest");
    await deliver("Lists", "Already read", ["\\Seen"]);
    await deliver("INBOX", "Second in the inbox");
    const after = await readFolderCounts(session, ["INBOX", "Lists", "Trash"]);
    expect(after).toEqual({ ok: true, data: { INBOX: { unread: 2, total: 2 }, Lists: { unread: 1, total: 2 }, Trash: { unread: 0, total: 0 } } });

    const commands = app.logs.flat();
    expect(commands.filter((line) => /\bLIST\b.*RETURN \(STATUS/i.test(line))).toHaveLength(2);
    expect(commands.filter((line) => /\bSTATUS\s/i.test(line) && !/\bLIST\b/i.test(line))).toHaveLength(0);
    expect(app.logs).toHaveLength(1);
  });

  it("leaves out a folder that is gone, and asks nothing for an empty list", async () => {
    const result = await readFolderCounts(session, ["Lists", "Never existed"]);
    expect(result).toEqual({ ok: true, data: { Lists: { unread: 1, total: 2 } } });
    expect(await readFolderCounts(session, [])).toEqual({ ok: true, data: {} });
  });
});
