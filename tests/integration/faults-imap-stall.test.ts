import net from "node:net";
import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { describeMailboxError } from "@/lib/auth/mailbox-error";
import { catalogueTranslator } from "@/lib/i18n/catalogue-translator";
import { ImapConnectError, type ImapServer } from "@/lib/mail/imap/connect";
import { ImapPool } from "@/lib/mail/imap/pool";
import { appendMessage, createMailbox, mailServer } from "../support/mail-server";
import { inboxSubjects, settle, until } from "../support/settle";

/**
 * A TCP proxy between Mailroom's IMAP client and the shared Dovecot (it only relays bytes, so TLS
 * stays end to end): it can hold every chunk back for a while, and freeze a connection in the
 * middle of the server's next answer, forwarding half of it and then nothing more.
 */
interface StallingProxy {
  port: number;
  /** Client connections open at the proxy now. */
  open(): number;
  /** Client connections accepted so far. */
  accepted(): number;
  delayMs: number;
  /** The next command on any connection: half of the server's answer gets through, then nothing. */
  freezeNextAnswer(): void;
  close(): Promise<void>;
}

async function startStallingProxy(target: { host: string; port: number }): Promise<StallingProxy> {
  const sockets = new Set<net.Socket>();
  let accepted = 0;
  let freezeArmed = false;
  const proxy: StallingProxy = {
    port: 0,
    open: () => [...sockets].filter((socket) => socket.remoteAddress !== undefined && !socket.destroyed).length,
    accepted: () => accepted,
    delayMs: 0,
    freezeNextAnswer: () => (freezeArmed = true),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  const server = net.createServer((client) => {
    accepted++;
    sockets.add(client);
    const upstream = net.connect(target);
    let frozen = false;
    let awaitingAnswer = false;
    // Each direction keeps its order: a chunk leaves only after the one before it.
    let toServer = Promise.resolve();
    let toClient = Promise.resolve();
    const later = () => new Promise<void>((resolve) => setTimeout(resolve, proxy.delayMs));
    client.on("data", (chunk) => {
      if (freezeArmed) {
        freezeArmed = false;
        awaitingAnswer = true;
      }
      toServer = toServer.then(later).then(() => void (upstream.destroyed || upstream.write(chunk)));
    });
    upstream.on("data", (chunk) => {
      if (frozen) return;
      let forward = chunk;
      if (awaitingAnswer) {
        frozen = true;
        forward = chunk.subarray(0, Math.max(1, Math.floor(chunk.length / 2)));
      }
      toClient = toClient.then(later).then(() => void (client.destroyed || client.write(forward)));
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
    };
    client.on("close", end);
    upstream.on("close", end);
    client.on("error", () => undefined);
    upstream.on("error", () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  proxy.port = (server.address() as net.AddressInfo).port;
  return proxy;
}

/** The limit under test: a server silent this long while an answer is due has failed. */
const RESPONSE_TIMEOUT_MS = 3_000;

let proxy: StallingProxy;
let pool: ImapPool | undefined;

beforeEach(async () => {
  const { imapHost, imapPort } = mailServer();
  proxy = await startStallingProxy({ host: imapHost, port: imapPort });
});
afterEach(async () => {
  await pool?.closeAll();
  pool = undefined;
  await proxy.close();
});

function throughProxy(): ImapServer {
  return { host: "127.0.0.1", port: proxy.port, security: "tls", ca: readFileSync(mailServer().caFile, "utf8"), responseTimeoutMs: RESPONSE_TIMEOUT_MS };
}

describe("a slow or stalling IMAP server", () => {
  it("a slow server (every chunk held back) is waited for: reads succeed", async () => {
    const reader = createMailbox("slowimap");
    await appendMessage(reader, { subject: "Slow but there", text: "x".repeat(20_000) });
    proxy.delayMs = 150;
    pool = new ImapPool({ server: throughProxy(), idleTimeoutMs: 60_000, maxConnections: 10 });
    expect(await pool.run("slow", { user: reader.email, password: reader.password }, (client) => inboxSubjects(client, true))).toEqual(["Slow but there"]);
  });

  it("a server that freezes mid-answer: every waiting request gets a clear timeout within the limit, the frozen connection is closed, and the session works again", async () => {
    const reader = createMailbox("stallimap");
    await appendMessage(reader, { subject: "Behind the stall", text: "y".repeat(200_000) });
    const credentials = { user: reader.email, password: reader.password };
    pool = new ImapPool({ server: throughProxy(), idleTimeoutMs: 60_000, maxConnections: 10 });
    expect(await pool.run("stall", credentials, (client) => inboxSubjects(client, true))).toEqual(["Behind the stall"]);
    expect(proxy.open()).toBe(1);

    proxy.freezeNextAnswer();
    // Three requests of the session share its connection: one is on the wire when it freezes, two wait behind it.
    const attempts = await Promise.all([1, 2, 3].map(() => settle(() => pool!.run("stall", credentials, (client) => inboxSubjects(client, true)))));
    const t = await catalogueTranslator("errors");
    expect(attempts).toHaveLength(3);
    for (const attempt of attempts) {
      expect(attempt.error).toBeInstanceOf(ImapConnectError);
      expect((attempt.error as ImapConnectError).kind).toBe("timeout");
      expect(describeMailboxError(attempt.error, t)).toBe("The mail server didn't answer in time. Please try again in a moment.");
      // The bound the issue asks for: the configured limit, plus generous slack for a loaded machine.
      expect(attempt.ms).toBeLessThan(RESPONSE_TIMEOUT_MS + 5_000);
    }
    // A timed-out command may have been carried out by the server: it is not sent again.
    expect(proxy.accepted()).toBe(1);
    // No leak: the frozen connection is closed at both ends and gone from the pool.
    await until(() => proxy.open() === 0, "the frozen connection to close", 15_000);
    expect(pool.stats().open).toBe(0);

    // The server answers again: the next request opens one new connection and succeeds.
    expect(await pool.run("stall", credentials, (client) => inboxSubjects(client, true))).toEqual(["Behind the stall"]);
    expect(proxy.open()).toBe(1);
    expect(pool.stats().open).toBe(1);
    await pool.closeAll();
    await until(() => proxy.open() === 0, "the pool's last connection to close", 15_000);
  });
});
