import type { ImapFlow } from "imapflow";
import { describe, expect, it } from "vitest";
import { countFolders } from "./folder-status";

/** A stand-in for a server without LIST-STATUS: it answers STATUS per folder and records each one. */
function serverWithoutListStatus(folders: Record<string, { unseen: number; messages: number }>) {
  const asked: string[] = [];
  const client = {
    mailbox: false,
    capabilities: new Map<string, boolean>(),
    list: async () => {
      throw new Error("LIST must not be used without LIST-STATUS");
    },
    status: async (path: string) => {
      asked.push(path);
      const found = folders[path];
      if (!found) throw Object.assign(new Error("no such mailbox"), { serverResponseCode: "NONEXISTENT" });
      return { path, ...found };
    },
  };
  return { client: client as unknown as ImapFlow, asked };
}

describe("folder counts without LIST-STATUS", () => {
  it("asks STATUS for each named folder once and leaves out the ones that are gone", async () => {
    const { client, asked } = serverWithoutListStatus({ INBOX: { unseen: 2, messages: 5 }, Lists: { unseen: 0, messages: 1 } });
    const counts = await countFolders(client, ["INBOX", "Lists", "Gone", "INBOX"]);
    expect(counts).toEqual({ INBOX: { unread: 2, total: 5 }, Lists: { unread: 0, total: 1 } });
    expect(asked).toEqual(["INBOX", "Lists", "Gone"]);
  });

  it("asks for at most 500 folders", async () => {
    const many = Object.fromEntries(Array.from({ length: 600 }, (_, index) => [`F${index}`, { unseen: 0, messages: 0 }]));
    const { client, asked } = serverWithoutListStatus(many);
    await countFolders(client, Object.keys(many));
    expect(asked).toHaveLength(500);
  });
});
