import type { ImapFlow } from "imapflow";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { findConversation, listConversationPage } from "@/lib/mail/imap/threads";
import { connectImap, createMailbox, type TestMailbox } from "../support/mail-server";
import { connectLogged, rawMessage } from "./list-support";

const day = (n: number) => new Date(Date.UTC(2026, 9, n, 9, 0, 0));

let mailbox: TestMailbox;
const uids: Record<string, number> = {};

/**
 * A conversation "Budget" (a1 ← a2 ← a3) in INBOX with the user's own reply s1 (to a1) in
 * Sent, and two unrelated messages that share the subject "Weekly report" (no References).
 */
beforeAll(async () => {
  mailbox = createMailbox("threads");
  const setup = await connectImap(mailbox);
  try {
    const append = async (name: string, folder: string, message: Parameters<typeof rawMessage>[0], flags: string[] = []) => {
      const result = await setup.append(folder, rawMessage(message), flags, message.date);
      uids[name] = result ? Number(result.uid) : 0;
    };
    await append("a1", "INBOX", { subject: "Budget", messageId: "<a1@example.org>", date: day(1) }, ["\\Seen"]);
    await append("r1", "INBOX", { subject: "Weekly report", messageId: "<r1@example.org>", date: day(2) }, ["\\Seen"]);
    await append(
      "s1",
      "Sent",
      {
        subject: "Re: Budget",
        from: `Reader <${mailbox.email}>`,
        messageId: "<s1@mailroom.test>",
        inReplyTo: "<a1@example.org>",
        references: ["<a1@example.org>"],
        date: day(3),
      },
      ["\\Seen"],
    );
    await append("a2", "INBOX", {
      subject: "Re: Budget",
      messageId: "<a2@example.org>",
      inReplyTo: "<s1@mailroom.test>",
      references: ["<a1@example.org>", "<s1@mailroom.test>"],
      date: day(4),
    });
    await append("r2", "INBOX", { subject: "Weekly report", messageId: "<r2@example.org>", date: day(5) }, ["\\Seen"]);
    await append("a3", "INBOX", {
      subject: "Re: Budget",
      messageId: "<a3@example.org>",
      inReplyTo: "<a2@example.org>",
      references: ["<a1@example.org>", "<s1@mailroom.test>", "<a2@example.org>"],
      date: day(6),
    });
  } finally {
    await setup.logout();
  }
});

let client: ImapFlow | undefined;
afterEach(async () => {
  await client?.logout();
  client = undefined;
});

function shape(page: Awaited<ReturnType<typeof listConversationPage>>) {
  return page.conversations.map((c) => ({ latest: c.latest.uid, count: c.count, unread: c.unread, subject: c.latest.subject }));
}

describe("conversations", () => {
  it("groups a folder by THREAD on the server, one row per conversation showing its latest message", async () => {
    const logged = await connectLogged(mailbox);
    client = logged.client;
    const page = await listConversationPage(client, "INBOX", { page: 0, pageSize: 50 });
    expect(page.method).toBe("thread");
    expect(logged.commands.some((line) => /UID THREAD REFS UTF-8 ALL/.test(line))).toBe(true);
    expect(shape(page)).toEqual([
      { latest: uids.a3, count: 3, unread: 2, subject: "Re: Budget" },
      { latest: uids.r2, count: 1, unread: 0, subject: "Weekly report" },
      { latest: uids.r1, count: 1, unread: 0, subject: "Weekly report" },
    ]);
    expect(page.total).toBe(3);
  });

  it("groups by References / In-Reply-To in Mailroom when the server can't THREAD", async () => {
    const logged = await connectLogged(mailbox);
    client = logged.client;
    for (const capability of [...client.capabilities.keys()]) if (capability.startsWith("THREAD=")) client.capabilities.delete(capability);
    const page = await listConversationPage(client, "INBOX", { page: 0, pageSize: 50 });
    expect(page.method).toBe("window");
    expect(logged.commands.some((line) => /THREAD/.test(line))).toBe(false);
    expect(shape(page)).toEqual([
      { latest: uids.a3, count: 3, unread: 2, subject: "Re: Budget" },
      { latest: uids.r2, count: 1, unread: 0, subject: "Weekly report" },
      { latest: uids.r1, count: 1, unread: 0, subject: "Weekly report" },
    ]);
  });

  it("finds a message's conversation with the user's own reply from Sent in place, oldest first", async () => {
    client = await connectImap(mailbox);
    const expected = [
      { folder: "INBOX", uid: uids.a1 },
      { folder: "Sent", uid: uids.s1 },
      { folder: "INBOX", uid: uids.a2 },
      { folder: "INBOX", uid: uids.a3 },
    ];
    expect(await findConversation(client, "INBOX", uids.a2!)).toEqual(expected);
    expect(await findConversation(client, "INBOX", uids.r1!)).toEqual([{ folder: "INBOX", uid: uids.r1 }]);
  });

  it("shows mail that arrived while the folder was already open on this connection", async () => {
    const fresh = createMailbox("threadsfresh");
    client = await connectImap(fresh);
    await client.append("INBOX", rawMessage({ subject: "First", date: day(1) }), []);
    expect(shape(await listConversationPage(client, "INBOX", { page: 0, pageSize: 50 })).map((c) => c.subject)).toEqual(["First"]);
    const other = await connectImap(fresh);
    await other.append("INBOX", rawMessage({ subject: "Second", date: day(2) }), []);
    await other.logout();
    expect(shape(await listConversationPage(client, "INBOX", { page: 0, pageSize: 50 })).map((c) => c.subject)).toEqual(["Second", "First"]);
  });

  it("finds the conversation by headers when the server can't THREAD", async () => {
    client = await connectImap(mailbox);
    for (const capability of [...client.capabilities.keys()]) if (capability.startsWith("THREAD=")) client.capabilities.delete(capability);
    expect((await findConversation(client, "INBOX", uids.a3!)).map((m) => `${m.folder}:${m.uid}`)).toEqual([
      `INBOX:${uids.a1}`,
      `Sent:${uids.s1}`,
      `INBOX:${uids.a2}`,
      `INBOX:${uids.a3}`,
    ]);
  });
});
