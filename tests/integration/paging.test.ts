import { execFileSync } from "node:child_process";
import path from "node:path";
import type { ImapFlow } from "imapflow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listMessagePage } from "@/lib/mail/imap/message-list";
import { listConversationPage } from "@/lib/mail/imap/threads";
import { connectImap, type TestMailbox } from "../support/mail-server";
import { connectLogged } from "./list-support";

// One fixed benchmark mailbox with a 100,000-message folder, seeded once (the seeder writes
// Maildir files and has Dovecot index them) and reused by later runs: the folder's size is the marker.
const ROOT = path.resolve(import.meta.dirname, "../..");
const BENCH: TestMailbox = { email: "bench@mailroom.test", password: "bench-password-mailroom" };
const FOLDER = "Large";
const SIZE = 100_000;

async function folderSize(): Promise<number> {
  const client = await connectImap(BENCH);
  try {
    const status = await client.status(FOLDER, { messages: true }).catch(() => false as const);
    return status ? (status.messages ?? 0) : 0;
  } finally {
    await client.logout();
  }
}

function ensureBenchUser() {
  execFileSync("bash", [path.join(ROOT, "scripts/mail-server.sh"), "add-user", BENCH.email, BENCH.password], { stdio: "pipe" });
}

let client: ImapFlow;
let commands: string[];

beforeAll(async () => {
  ensureBenchUser();
  if ((await folderSize()) < SIZE) {
    execFileSync("npx", ["tsx", "scripts/seed-mailbox.ts", "--user", BENCH.email, "--count", String(SIZE), "--seed", "11", "--folder", FOLDER], {
      cwd: ROOT,
      stdio: "pipe",
      timeout: 600_000,
    });
  }
  ({ client, commands } = await connectLogged(BENCH));
}, 660_000);

afterAll(async () => {
  await client?.logout();
});

/** The commands sent while running `task`. */
async function sentDuring(task: () => Promise<unknown>): Promise<{ sent: string[]; ms: number }> {
  const start = commands.length;
  const started = performance.now();
  await task();
  return { sent: commands.slice(start), ms: Math.round(performance.now() - started) };
}

function expectNoFullScan(sent: string[]) {
  for (const line of sent) {
    expect(line).not.toMatch(/\bSEARCH\s+ALL\b/i);
    expect(line).not.toMatch(/\bFETCH\s+1:\*/i);
    expect(line).not.toMatch(/\bTHREAD\b/i);
  }
}

/** The message numbers a FETCH command asks for ("99951:100000" or a UID list). */
function fetchedCount(line: string): number {
  const set = /FETCH\s+(\S+)/i.exec(line)?.[1] ?? "";
  return set.split(",").reduce((sum, part) => {
    const [from, to] = part.split(":").map(Number);
    return sum + (to === undefined ? 1 : Math.abs(to - from!) + 1);
  }, 0);
}

describe("paging a 100,000-message folder", () => {
  it("lists the newest page and page 1,000 by sequence range, fetching only the page", async () => {
    const first = await sentDuring(async () => {
      const page = await listMessagePage(client, FOLDER, { page: 0, pageSize: 50, sort: "date" });
      expect(page.total).toBe(SIZE);
      expect(page.messages).toHaveLength(50);
      expect(page.messages[0]!.uid).toBeGreaterThan(page.messages[49]!.uid);
    });
    const deep = await sentDuring(async () => {
      const page = await listMessagePage(client, FOLDER, { page: 999, pageSize: 50, sort: "date" });
      expect(page.messages).toHaveLength(50);
    });
    for (const { sent } of [first, deep]) {
      expectNoFullScan(sent);
      const fetches = sent.filter((line) => /FETCH/i.test(line));
      expect(fetches.length).toBeGreaterThan(0);
      for (const line of fetches) expect(fetchedCount(line)).toBeLessThanOrEqual(50);
    }
    expect(deep.sent.some((line) => /\bFETCH 50001:50050\b/.test(line))).toBe(true);
    console.info(`100k folder, date order: page 1 ${first.ms} ms, page 1000 ${deep.ms} ms`);
  });

  it("sorts by sender and size with ESORT RETURN (PARTIAL) and fetches just the page", async () => {
    for (const sort of ["sender", "size"] as const) {
      const { sent, ms } = await sentDuring(async () => {
        const page = await listMessagePage(client, FOLDER, { page: 999, pageSize: 50, sort });
        expect(page.total).toBe(SIZE);
        expect(page.messages).toHaveLength(50);
        if (sort === "size") {
          const sizes = page.messages.map((message) => message.size);
          expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
        }
      });
      expectNoFullScan(sent);
      expect(sent.some((line) => /UID SORT RETURN \(COUNT PARTIAL 49951:50000\)/.test(line))).toBe(true);
      for (const line of sent.filter((l) => /FETCH/i.test(l))) expect(fetchedCount(line)).toBeLessThanOrEqual(50);
      console.info(`100k folder, sorted by ${sort}: page 1000 ${ms} ms`);
    }
  });

  it("falls back to SORT and slicing when the server lacks ESORT", async () => {
    client.capabilities.delete("ESORT");
    try {
      const { sent } = await sentDuring(async () => {
        const page = await listMessagePage(client, FOLDER, { page: 1, pageSize: 50, sort: "subject" });
        expect(page.total).toBe(SIZE);
        expect(page.messages).toHaveLength(50);
      });
      expect(sent.some((line) => /^\S+ UID SORT \(SUBJECT\) UTF-8 ALL/.test(line))).toBe(true);
      expect(sent.some((line) => /PARTIAL/.test(line))).toBe(false);
    } finally {
      client.capabilities.set("ESORT", true);
    }
  });

  it("pages conversations from one cached THREAD per folder state", async () => {
    const first = await sentDuring(() => listConversationPage(client, FOLDER, { page: 0, pageSize: 50 }));
    const deep = await sentDuring(async () => {
      const page = await listConversationPage(client, FOLDER, { page: 500, pageSize: 50 });
      expect(page.conversations).toHaveLength(50);
    });
    expect(first.sent.filter((line) => /THREAD/.test(line)).length).toBeLessThanOrEqual(1);
    expect(deep.sent.some((line) => /THREAD/.test(line))).toBe(false);
    for (const line of deep.sent.filter((l) => /FETCH/i.test(l) && !/PREVIEW/.test(l))) expect(line).not.toMatch(/FETCH\s+1:\*/);
    console.info(`100k folder, conversations: page 1 ${first.ms} ms (THREAD, cached after), page 501 ${deep.ms} ms`);
  });
});
