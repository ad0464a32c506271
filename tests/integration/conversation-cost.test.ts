import { execFileSync } from "node:child_process";
import type { ImapFlow } from "imapflow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchRenderedMessage } from "@/lib/mail/imap/load-message";
import { CONVERSATION_WINDOW, findConversation } from "@/lib/mail/imap/threads";
import { connectImap, createMailbox, type TestMailbox } from "../support/mail-server";
import { connectLogged, rawMessage } from "./list-support";
import { ENGLISH_LINK_WARNINGS } from "../support/link-warning-words";

// Opening a message costs the same IMAP work in a small folder and in a big one: no THREAD and no
// SEARCH over the whole folder, only over a bounded window of messages around the opened one.
const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 3_600_000);
const FILLERS = { Small: 10, Big: CONVERSATION_WINDOW.before + CONVERSATION_WINDOW.after + 100 };

let mailbox: TestMailbox;
const opened: Record<string, number> = {};
const expected: Record<string, string[]> = {};

/** Unrelated messages, all older than the conversations, written straight into the Maildir (fast). */
function seedFillers(folder: string, count: number) {
  execFileSync("npx", ["tsx", "scripts/seed-mailbox.ts", "--user", mailbox.email, "--count", String(count), "--seed", "3", "--folder", folder, "--end-date", "2025-12-01"], {
    stdio: "pipe",
    timeout: 120_000,
  });
}

/** A conversation of three (one reply in Sent) after `fillers` unrelated messages, then two more unrelated ones. */
async function fillFolder(client: ImapFlow, folder: keyof typeof FILLERS) {
  let hour = 0;
  const append = async (target: string, message: Parameters<typeof rawMessage>[0]) => {
    const result = await client.append(target, rawMessage(message), ["\\Seen"], message.date);
    return Number(result && result.uid);
  };
  seedFillers(folder, FILLERS[folder]);
  const root = `<root-${folder}@example.org>`;
  const reply = `<reply-${folder}@mailroom.test>`;
  const first = await append(folder, { subject: "Offsite", messageId: root, date: day(hour++) });
  const sent = await append("Sent", { subject: "Re: Offsite", from: `Me <${mailbox.email}>`, messageId: reply, inReplyTo: root, references: [root], date: day(hour++) });
  const last = await append(folder, { subject: "Re: Offsite", messageId: `<last-${folder}@example.org>`, inReplyTo: reply, references: [root, reply], date: day(hour++) });
  await append(folder, { subject: "Unrelated", date: day(hour++) });
  opened[folder] = last;
  expected[folder] = [`${folder}:${first}`, `Sent:${sent}`, `${folder}:${last}`];
}

beforeAll(async () => {
  mailbox = createMailbox("open-cost");
  // Sent is big too: the user's replies are looked for in a window of it.
  seedFillers("Sent", 2_600);
  const setup = await connectImap(mailbox);
  try {
    await fillFolder(setup, "Small");
    await fillFolder(setup, "Big");
  } finally {
    await setup.logout();
  }
}, 180_000);

let logged: { client: ImapFlow; commands: string[] } | undefined;
afterAll(async () => {
  await logged?.client.logout();
});

/** The commands of one open (the message, then its conversation) on a connection that has been used before. */
async function openCommands(folder: keyof typeof FILLERS): Promise<{ commands: string[]; members: string[] }> {
  logged ??= await connectLogged(mailbox);
  await logged.client.noop();
  const before = logged.commands.length;
  await fetchRenderedMessage(logged.client, folder, opened[folder]!, { markRead: false, allowRemote: async () => false, linkWarnings: ENGLISH_LINK_WARNINGS });
  const members = await findConversation(logged.client, folder, opened[folder]!);
  return { commands: logged.commands.slice(before), members: members.map((member) => `${member.folder}:${member.uid}`) };
}

/** A command without its tag, numbers, folder name and Message-IDs: its shape. */
function shape(command: string, folder: string): string {
  return command
    .replace(/^\S+ /, "")
    .replaceAll(folder, "<folder>")
    .replace(/<[^<>\s]+>/g, "<id>")
    .replace(/\d+/g, "n");
}

describe("opening a message in a conversation", () => {
  it("finds the conversation, with the reply from Sent, in a small and in a big folder", async () => {
    for (const folder of ["Small", "Big"] as const) expect((await openCommands(folder)).members).toEqual(expected[folder]);
  });

  it("sends the same commands whatever the folder's size, and never THREAD or a folder-wide SEARCH", async () => {
    const small = await openCommands("Small");
    const big = await openCommands("Big");
    expect(big.commands.map((command) => shape(command, "Big"))).toEqual(small.commands.map((command) => shape(command, "Small")));
    const all = [...small.commands, ...big.commands];
    expect(all.some((command) => /\bTHREAD\b/i.test(command))).toBe(false);
    const searches = all.filter((command) => /\bSEARCH\b/i.test(command));
    expect(searches).toHaveLength(2);
    for (const search of searches) {
      const [, from, to] = /\bSEARCH (\d+):(\d+)\b/i.exec(search) ?? [];
      expect(search, "each SEARCH names a sequence range").toMatch(/\bSEARCH \d+:\d+\b/i);
      expect(Number(to) - Number(from) + 1).toBeLessThanOrEqual(CONVERSATION_WINDOW.before + CONVERSATION_WINDOW.after + 1);
    }
    // Sent is asked for its STATUS, not selected: the next open needs no SELECT of the big folder.
    expect(all.filter((command) => /\b(SELECT|EXAMINE) "?Sent\b/i.test(command))).toEqual([]);
    expect(all.filter((command) => /\bSTATUS "?Sent\b/i.test(command))).toHaveLength(2);
  });

  it("selects nothing when the next message opened is in the same folder", async () => {
    await openCommands("Big");
    const again = await openCommands("Big");
    expect(again.members).toEqual(expected.Big);
    expect(again.commands.filter((command) => /\b(SELECT|EXAMINE)\b/i.test(command))).toEqual([]);
  });

  it("finds a reply sent since the last open", async () => {
    const setup = await connectImap(mailbox);
    let uid = 0;
    try {
      const root = "<root-Big@example.org>";
      const result = await setup.append("Sent", rawMessage({ subject: "Re: Offsite", from: `Me <${mailbox.email}>`, inReplyTo: root, references: [root], date: day(99_000) }), [
        "\\Seen",
      ]);
      uid = Number(result && result.uid);
    } finally {
      await setup.logout();
    }
    expect((await openCommands("Big")).members).toEqual([...expected.Big!, `Sent:${uid}`]);
  });
});
