import { afterEach, describe, expect, it } from "vitest";
import type { ImapFlow } from "imapflow";
import { readFileSync } from "node:fs";
import { openImapConnection, type ImapServer } from "@/lib/mail/imap/connect";
import { ImapPool, ImapPoolExhaustedError } from "@/lib/mail/imap/pool";
import { appendMessage, createMailbox, mailServer } from "../support/mail-server";

function server(): ImapServer {
  const { imapHost, imapPort, caFile } = mailServer();
  return { host: imapHost, port: imapPort, security: "tls", ca: readFileSync(caFile, "utf8") };
}

async function inboxSubjects(client: ImapFlow): Promise<string[]> {
  const lock = await client.getMailboxLock("INBOX");
  try {
    const subjects: string[] = [];
    if (client.mailbox && client.mailbox.exists > 0) {
      for await (const message of client.fetch("1:*", { envelope: true })) subjects.push(message.envelope?.subject ?? "");
    }
    return subjects;
  } finally {
    lock.release();
  }
}

/** Counts the connections a pool really opens. */
function countingConnect() {
  const opened: ImapFlow[] = [];
  return {
    opened,
    connect: async (target: ImapServer, credentials: { user: string; password: string }) => {
      const client = await openImapConnection(target, credentials);
      opened.push(client);
      return client;
    },
  };
}

let pool: ImapPool | undefined;
afterEach(async () => {
  await pool?.closeAll();
  pool = undefined;
});

describe("IMAP connection pool", () => {
  it("reuses one connection for every request of a session", async () => {
    const alice = createMailbox("pool");
    const counter = countingConnect();
    pool = new ImapPool({ server: server(), idleTimeoutMs: 60_000, maxConnections: 10, connect: counter.connect });
    const credentials = { user: alice.email, password: alice.password };
    const clients = await Promise.all(Array.from({ length: 5 }, () => pool!.run("session-a", credentials, async (client) => client)));
    await pool.run("session-a", credentials, (client) => inboxSubjects(client));
    expect(counter.opened).toHaveLength(1);
    expect(new Set(clients).size).toBe(1);
    expect(pool.stats().open).toBe(1);
  });

  it("gives two users two connections, each seeing only their own mailbox", async () => {
    const alice = createMailbox("pool-alice");
    const bob = createMailbox("pool-bob");
    await appendMessage(alice, { subject: "for alice only" });
    await appendMessage(bob, { subject: "for bob only" });
    pool = new ImapPool({ server: server(), idleTimeoutMs: 60_000, maxConnections: 10 });
    const [aliceSees, bobSees] = await Promise.all([
      pool.run("session-alice", { user: alice.email, password: alice.password }, inboxSubjects),
      pool.run("session-bob", { user: bob.email, password: bob.password }, inboxSubjects),
    ]);
    expect(aliceSees).toEqual(["for alice only"]);
    expect(bobSees).toEqual(["for bob only"]);
    expect(pool.stats().open).toBe(2);
  });

  it("logs a connection out after the idle timeout", async () => {
    const alice = createMailbox("pool-idle");
    pool = new ImapPool({ server: server(), idleTimeoutMs: 300, maxConnections: 10 });
    const client = await pool.run("session-idle", { user: alice.email, password: alice.password }, async (c) => c);
    expect(pool.stats().open).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(pool.stats().open).toBe(0);
    expect(client.usable).toBe(false);
  });

  it("caps connections per instance, closing the least recently used idle one", async () => {
    const users = [createMailbox("cap1"), createMailbox("cap2"), createMailbox("cap3")];
    pool = new ImapPool({ server: server(), idleTimeoutMs: 60_000, maxConnections: 2 });
    const first = await pool.run("s1", { user: users[0]!.email, password: users[0]!.password }, async (c) => c);
    await pool.run("s2", { user: users[1]!.email, password: users[1]!.password }, async (c) => c);
    await pool.run("s3", { user: users[2]!.email, password: users[2]!.password }, async (c) => c);
    expect(pool.stats().open).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(first.usable).toBe(false);
  });

  it("refuses a new session when every connection is busy", async () => {
    const users = [createMailbox("busy1"), createMailbox("busy2")];
    pool = new ImapPool({ server: server(), idleTimeoutMs: 60_000, maxConnections: 1 });
    let release!: () => void;
    const busy = pool.run("b1", { user: users[0]!.email, password: users[0]!.password }, () => new Promise<void>((resolve) => (release = resolve)));
    await new Promise((resolve) => setTimeout(resolve, 500));
    await expect(pool.run("b2", { user: users[1]!.email, password: users[1]!.password }, async () => 1)).rejects.toBeInstanceOf(ImapPoolExhaustedError);
    release();
    await busy;
  });

  it("reconnects and retries once when the connection dropped", async () => {
    const alice = createMailbox("pool-drop");
    await appendMessage(alice, { subject: "still here" });
    const counter = countingConnect();
    pool = new ImapPool({ server: server(), idleTimeoutMs: 60_000, maxConnections: 10, connect: counter.connect });
    const credentials = { user: alice.email, password: alice.password };
    await pool.run("s", credentials, inboxSubjects);
    counter.opened[0]!.close(); // the network drops
    expect(await pool.run("s", credentials, inboxSubjects)).toEqual(["still here"]);
    expect(counter.opened).toHaveLength(2);
  });
});
