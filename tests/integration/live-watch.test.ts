import { readFileSync } from "node:fs";
import type { ImapFlow } from "imapflow";
import { afterEach, describe, expect, it } from "vitest";
import { openImapConnection, type ImapServer, type MailboxCredentials } from "@/lib/mail/imap/connect";
import { MailboxWatchers, WatchLimitError, type MailboxChange } from "@/lib/mail/imap/watch";
import { appendMessage, createMailbox, mailServer } from "../support/mail-server";

function server(): ImapServer {
  const { imapHost, imapPort, caFile } = mailServer();
  return { host: imapHost, port: imapPort, security: "tls", ca: readFileSync(caFile, "utf8") };
}

function counting() {
  const opened: ImapFlow[] = [];
  return {
    opened,
    connect: async (target: ImapServer, credentials: MailboxCredentials) => {
      const client = await openImapConnection(target, credentials);
      opened.push(client);
      return client;
    },
  };
}

async function until(check: () => boolean, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

let watchers: MailboxWatchers | undefined;
afterEach(async () => {
  await watchers?.closeAll();
  watchers = undefined;
});

describe("live mailbox watchers", () => {
  it("reports new mail in the watched folder through IDLE on one dedicated connection per session and folder", async () => {
    const mailbox = createMailbox("live");
    const credentials = () => ({ user: mailbox.email, password: mailbox.password });
    const { opened, connect } = counting();
    watchers = new MailboxWatchers({ server: server(), maxWatchers: 10, maxPerSession: 2, connect });
    const first: MailboxChange[] = [];
    const second: MailboxChange[] = [];
    const stopFirst = await watchers.watch("session-a", credentials, "INBOX", (change) => change !== "closed" && first.push(change));
    const stopSecond = await watchers.watch("session-a", credentials, "INBOX", (change) => change !== "closed" && second.push(change));
    expect(opened).toHaveLength(1);

    await appendMessage(mailbox, { subject: "Live one" });
    await until(() => first.length > 0 && second.length > 0);
    expect(first[0]).toEqual({ folder: "INBOX", exists: 1, arrived: 1 });
    expect(second[0]).toEqual(first[0]);

    await stopFirst();
    expect(watchers.stats().watchers).toBe(1);
    await stopSecond();
    expect(watchers.stats().watchers).toBe(0);
    await until(() => !opened[0]!.usable);
  });

  it("keeps the watcher for a stream that joins while the previous page's stream ends", async () => {
    const mailbox = createMailbox("livehandover");
    const credentials = () => ({ user: mailbox.email, password: mailbox.password });
    const { opened, connect } = counting();
    watchers = new MailboxWatchers({ server: server(), maxWatchers: 10, maxPerSession: 2, connect });
    const stopOld = await watchers.watch("session-c", credentials, "INBOX", () => undefined);
    const changes: MailboxChange[] = [];
    const joining = watchers.watch("session-c", credentials, "INBOX", (change) => change !== "closed" && changes.push(change));
    await stopOld();
    await joining;
    expect(watchers.stats().watchers).toBe(1);
    await appendMessage(mailbox, { subject: "After the hand-over" });
    await until(() => changes.length > 0);
    expect(changes[0]).toMatchObject({ arrived: 1 });
    expect(opened).toHaveLength(1);
  });

  it("caps watchers per session and tells the listener when the connection goes away", async () => {
    const mailbox = createMailbox("livecap");
    const credentials = () => ({ user: mailbox.email, password: mailbox.password });
    const { opened, connect } = counting();
    watchers = new MailboxWatchers({ server: server(), maxWatchers: 10, maxPerSession: 1, connect });
    let closed = false;
    await watchers.watch("session-b", credentials, "INBOX", (change) => {
      if (change === "closed") closed = true;
    });
    await expect(watchers.watch("session-b", credentials, "Sent", () => undefined)).rejects.toBeInstanceOf(WatchLimitError);
    opened[0]!.close();
    await until(() => closed);
    expect(watchers.stats().watchers).toBe(0);
  });
});
