import { randomBytes } from "node:crypto";
import type { ImapFlow } from "imapflow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { searchMessagePage } from "@/lib/mail/imap/search";
import type { SearchQuery } from "@/lib/mail/imap/search-query";
import { connectImap, createMailbox, type TestMailbox } from "../support/mail-server";
import { connectLogged, rawMessage } from "./list-support";

const EMPTY: SearchQuery = { text: "", from: "", to: "", subject: "", hasAttachment: false, unread: false, starred: false, since: "", before: "", allFolders: false };
/** A word no generated header contains, unique to this run. */
const bodyWord = (prefix: string) => `${prefix}${randomBytes(4).toString("hex")}`;

let mailbox: TestMailbox;
let client: ImapFlow;
let commands: string[];

async function append(subject: string, body: string): Promise<number> {
  const setup = await connectImap(mailbox);
  try {
    const result = await setup.append("INBOX", rawMessage({ subject, body, date: new Date() }));
    return result ? Number(result.uid) : 0;
  } finally {
    await setup.logout();
  }
}

async function bodySearch(word: string): Promise<number[]> {
  const page = await searchMessagePage(client, "INBOX", { ...EMPTY, text: word }, { page: 0, pageSize: 50, sort: "date" });
  return page.messages.map((message) => message.uid);
}

beforeAll(async () => {
  mailbox = createMailbox("fts");
  for (let i = 0; i < 5; i++) await append(`Weekly note ${i}`, "Nothing to see in this one.");
  ({ client, commands } = await connectLogged(mailbox));
});

afterAll(async () => {
  await client?.logout();
});

describe("full-text body search", () => {
  it("finds a word that only the body of a freshly appended message contains, before and after the folder was searched", async () => {
    const first = bodyWord("kestrel");
    const firstUid = await append("Travel plans", `We will meet the ${first} team at the station.`);
    expect(await bodySearch(first)).toEqual([firstUid]);

    // The folder has been searched (and, on a server with an index, indexed): new mail must be found too.
    const second = bodyWord("heron");
    const secondUid = await append("Follow-up", `Also bring the ${second} report.`);
    expect(await bodySearch(second)).toEqual([secondUid]);
    expect(await bodySearch(first)).toEqual([firstUid]);
  });

  it("asks for the body FUZZY exactly when the server offers SEARCH=FUZZY", async () => {
    const start = commands.length;
    await bodySearch(bodyWord("plover"));
    const sorts = commands.slice(start).filter((line) => /\bUID SORT\b/.test(line));
    expect(sorts).toHaveLength(1);
    expect(/ FUZZY BODY /.test(sorts[0]!)).toBe(client.capabilities.has("SEARCH=FUZZY"));
    // Only the body: From, To and Subject are still matched exactly.
    expect(sorts[0]).not.toMatch(/FUZZY (FROM|TO|SUBJECT)/);
  });
});
