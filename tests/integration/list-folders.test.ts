import type { ImapFlow } from "imapflow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listFolderTree, type FolderNode } from "@/lib/mail/imap/folders";
import { listMessagePage } from "@/lib/mail/imap/message-list";
import { connectImap, createMailbox, type TestMailbox } from "../support/mail-server";
import { rawMessage } from "./list-support";

let mailbox: TestMailbox;
let client: ImapFlow;

beforeAll(async () => {
  mailbox = createMailbox("folders");
  client = await connectImap(mailbox);
  for (const path of ["Projekte", "Projekte/Größe & Co", "日本語", "Q&A 50% [x]", "Zeta/Inner/Deep", "Hidden"]) {
    await client.mailboxCreate(path);
  }
  // imapflow subscribes what it creates; "Hidden" is the one folder left unsubscribed.
  await client.mailboxUnsubscribe("Hidden");
  await client.append("Projekte/Größe & Co", rawMessage({ subject: "Maße", date: new Date() }), []);
  await client.append("Projekte/Größe & Co", rawMessage({ subject: "gelesen", date: new Date() }), ["\\Seen"]);
});

afterAll(async () => {
  await client?.logout();
});

function outline(nodes: FolderNode[], depth = 0): string[] {
  return nodes.flatMap((node) => [`${"  ".repeat(depth)}${node.name}${node.selectable ? "" : " (no mail)"}`, ...outline(node.children, depth + 1)]);
}

describe("folder tree", () => {
  it("nests folders, puts special-use folders first and decodes names (paths stay usable for IMAP)", async () => {
    const tree = await listFolderTree(client);
    const outlined = outline(tree);
    expect(outlined.slice(0, 6)).toEqual(["Inbox", "Drafts", "Sent", "Archive", "Junk", "Trash"]);
    expect(outlined.slice(6)).toEqual(["Projekte", "  Größe & Co", "Q&A 50% [x]", "Zeta (no mail)", "  Inner (no mail)", "    Deep", "日本語"]);
    const grosse = tree.find((node) => node.name === "Projekte")!.children[0]!;
    expect(grosse.path).toBe("Projekte/Größe & Co");
    expect(grosse.unread).toBe(1);
    expect(tree.map((node) => node.specialUse).slice(0, 6)).toEqual(["\\Inbox", "\\Drafts", "\\Sent", "\\Archive", "\\Junk", "\\Trash"]);
    // Unsubscribed "Hidden" is left out; "Zeta" and "Zeta/Inner" (not mailboxes in Maildir++) stay as the way to "Deep".
    expect(outlined).not.toContain("Hidden");
  });

  // The development Dovecot (Maildir++ layout) refuses "." in names, so "a.b" can't be tested here.
  it("lists a folder whose name needs modified UTF-7", async () => {
    const page = await listMessagePage(client, "Projekte/Größe & Co", { page: 0, pageSize: 50, sort: "date" });
    expect(page.messages.map((message) => message.subject)).toEqual(["gelesen", "Maße"]);
    expect(page.messages.map((message) => message.unread)).toEqual([false, true]);
  });
});

describe("subjects in any charset", () => {
  it("shows encoded subjects and senders decoded in the list", async () => {
    const other = createMailbox("charsets");
    const setup = await connectImap(other);
    const subjects: [string, string][] = [
      ["=?ISO-8859-1?Q?Gr=FC=DFe_aus_M=FCnchen?=", "Grüße aus München"],
      ["=?KOI8-R?B?8NLJ18XU?=", "Привет"],
      ["=?ISO-2022-JP?B?GyRCRnxLXDhsGyhC?=", "日本語"],
      ["=?UTF-8?B?8J+TqCBOZXdz?=", "📨 News"],
      ["=?windows-1252?Q?=93Quoted=94_=80?=", "“Quoted” €"],
    ];
    try {
      for (const [encoded] of subjects) {
        await setup.append("INBOX", rawMessage({ subject: "", headers: [`Subject: ${encoded}`], from: "=?UTF-8?Q?J=C3=B6rg?= <joerg@example.de>", date: new Date() }), []);
      }
    } finally {
      await setup.logout();
    }
    const reader = await connectImap(other);
    try {
      const page = await listMessagePage(reader, "INBOX", { page: 0, pageSize: 50, sort: "date" });
      expect(page.messages.map((message) => message.subject)).toEqual(subjects.map(([, decoded]) => decoded).reverse());
      expect(page.messages[0]!.from).toEqual({ name: "Jörg", address: "joerg@example.de" });
    } finally {
      await reader.logout();
    }
  });
});
