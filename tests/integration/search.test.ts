import type { ImapFlow } from "imapflow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { searchMessagePage } from "@/lib/mail/imap/search";
import type { SearchQuery } from "@/lib/mail/imap/search-query";
import { parseSearchQuery } from "@/lib/search-params";
import { connectImap, createMailbox, type TestMailbox } from "../support/mail-server";
import { connectLogged, rawMessage } from "./list-support";

const day = (n: number) => new Date(Date.UTC(2026, 8, n, 10, 0, 0));
let mailbox: TestMailbox;
let client: ImapFlow;
let commands: string[];
const uids: Record<string, number> = {};

beforeAll(async () => {
  mailbox = createMailbox("search");
  const setup = await connectImap(mailbox);
  try {
    const add = async (name: string, message: Parameters<typeof rawMessage>[0], flags: string[] = []) => {
      const result = await setup.append("INBOX", rawMessage(message), flags, message.date);
      uids[name] = result ? Number(result.uid) : 0;
    };
    await add("invoice", { subject: "Invoice 4711", from: "Billing <billing@acme.example>", body: "Please pay by Friday.", date: day(1) }, ["\\Seen"]);
    await add("lunch", { subject: "Lunch?", from: "Dana Schulz <dana@example.org>", to: "team@mailroom.test", body: "Pizza at noon, the usual place.", date: day(5) });
    await add(
      "report",
      { subject: "Quarterly report", from: "Dana Schulz <dana@example.org>", body: "Numbers attached.", date: day(10), contentType: 'multipart/mixed; boundary="b1"', headers: [] },
      ["\\Seen", "\\Flagged"],
    );
    await add("größe", { subject: "Größe der Lieferung", from: "Jörg <joerg@example.de>", body: "Die Größe passt.", date: day(15) }, ["\\Seen"]);
    for (let i = 0; i < 7; i++) await add(`bulk${i}`, { subject: `Digest ${i}`, from: "News <news@example.net>", body: "Nothing new.", date: day(20 + i) }, ["\\Seen"]);
  } finally {
    await setup.logout();
  }
  ({ client, commands } = await connectLogged(mailbox));
});

afterAll(async () => {
  await client?.logout();
});

async function found(params: Record<string, string>, pageSize = 50, page = 0): Promise<{ uids: number[]; total: number }> {
  const query: SearchQuery = parseSearchQuery(params);
  const result = await searchMessagePage(client, "INBOX", query, { page, pageSize, sort: "date" });
  return { uids: result.messages.map((message) => message.uid), total: result.total };
}

describe("search in a folder", () => {
  it("matches free text in from, to, subject and body, newest first", async () => {
    expect((await found({ q: "dana" })).uids).toEqual([uids.report, uids.lunch]);
    expect((await found({ q: "team@mailroom.test" })).uids).toEqual([uids.lunch]);
    expect((await found({ q: "pizza" })).uids).toEqual([uids.lunch]);
    expect((await found({ q: "invoice" })).uids).toEqual([uids.invoice]);
    expect((await found({ q: "Größe" })).uids).toEqual([uids["größe"]]);
  });

  it("applies the filters: from, to, subject, unread, starred, attachment, date range", async () => {
    expect((await found({ from: "billing@acme" })).uids).toEqual([uids.invoice]);
    expect((await found({ to: "team@" })).uids).toEqual([uids.lunch]);
    expect((await found({ subject: "report" })).uids).toEqual([uids.report]);
    expect((await found({ unread: "1" })).uids).toEqual([uids.lunch]);
    expect((await found({ starred: "1" })).uids).toEqual([uids.report]);
    expect((await found({ attachment: "1" })).uids).toEqual([uids.report]);
    expect((await found({ since: "2026-09-05", before: "2026-09-15" })).uids).toEqual([uids.report, uids.lunch]);
    expect((await found({ from: "dana", unread: "1" })).uids).toEqual([uids.lunch]);
  });

  it("pages the results with ESORT RETURN (COUNT PARTIAL), never listing every match", async () => {
    const start = commands.length;
    const first = await found({ from: "news@example.net" }, 3, 0);
    const second = await found({ from: "news@example.net" }, 3, 1);
    const third = await found({ from: "news@example.net" }, 3, 2);
    expect(first.total).toBe(7);
    expect([...first.uids, ...second.uids, ...third.uids]).toEqual([6, 5, 4, 3, 2, 1, 0].map((i) => uids[`bulk${i}`]));
    const sent = commands.slice(start);
    expect(sent.some((line) => /UID SORT RETURN \(COUNT PARTIAL 4:6\) \(REVERSE ARRIVAL\) UTF-8 FROM/.test(line))).toBe(true);
    expect(sent.some((line) => /\bSEARCH\b/.test(line))).toBe(false);
  });
});
