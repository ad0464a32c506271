import type { ImapFlow } from "imapflow";
import { ImapConnectError, openImapConnection, type ImapServer, type MailboxCredentials } from "./connect";

export interface ImapPoolOptions {
  server: ImapServer;
  /** A connection unused for this long is logged out. */
  idleTimeoutMs: number;
  /** At most this many connections per app instance; the least recently used idle one makes room. */
  maxConnections: number;
  /** For tests: how a connection is opened. */
  connect?: (server: ImapServer, credentials: MailboxCredentials) => Promise<ImapFlow>;
}

export class ImapPoolExhaustedError extends Error {
  constructor() {
    super("every IMAP connection of this instance is busy");
    this.name = "ImapPoolExhaustedError";
  }
}

interface Entry {
  user: string;
  client: Promise<ImapFlow>;
  inUse: number;
  lastUsed: number;
  idleTimer?: NodeJS.Timeout;
}

type CredentialSource = MailboxCredentials | (() => MailboxCredentials | Promise<MailboxCredentials>);

/**
 * One IMAP connection per signed-in session, reused by every request of that session and
 * logged out after an idle timeout. A connection is never shared by two sessions (and so never
 * by two users). imapflow queues commands on a connection, and mailbox locks serialise
 * SELECTs, so concurrent requests of one session can share it safely.
 */
export class ImapPool {
  private readonly entries = new Map<string, Entry>();
  /** Connections whose server stopped answering (imapflow closes them): their requests fail as timeouts. */
  private readonly timedOut = new WeakSet<ImapFlow>();
  private opened = 0;

  constructor(private readonly options: ImapPoolOptions) {}

  /** Runs `task` on the session's connection; reconnects and retries once if the connection dropped. */
  async run<T>(sessionKey: string, credentials: CredentialSource, task: (client: ImapFlow) => Promise<T>): Promise<T> {
    try {
      return await this.runOnce(sessionKey, credentials, task);
    } catch (error) {
      if (!isConnectionError(error)) throw error;
      // The connection went away under us (server restart, network drop): reconnect and retry once.
      this.forget(sessionKey, this.entries.get(sessionKey));
      return this.runOnce(sessionKey, credentials, task);
    }
  }

  /** Hands an already logged-in connection (from sign-in) to the pool, so the first page needs no second login. */
  adopt(sessionKey: string, user: string, client: ImapFlow): void {
    this.makeRoom();
    const entry: Entry = { user, client: Promise.resolve(client), inUse: 0, lastUsed: Date.now() };
    this.opened++;
    this.watch(sessionKey, entry, client);
    this.entries.set(sessionKey, entry);
    this.scheduleIdleClose(sessionKey, entry);
  }

  /** Logs the session's connection out (sign-out, revoked session). */
  async release(sessionKey: string): Promise<void> {
    const entry = this.entries.get(sessionKey);
    if (!entry) return;
    this.forget(sessionKey, entry);
    const client = await entry.client.catch(() => undefined);
    await logout(client);
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.entries.keys()].map((key) => this.release(key)));
  }

  /** The sessions that hold a connection (or are opening one) now. */
  sessionKeys(): string[] {
    return [...this.entries.keys()];
  }

  stats(): { open: number; opened: number } {
    return { open: this.entries.size, opened: this.opened };
  }

  private async runOnce<T>(sessionKey: string, credentials: CredentialSource, task: (client: ImapFlow) => Promise<T>) {
    const entry = await this.acquire(sessionKey, credentials);
    entry.inUse++;
    clearTimeout(entry.idleTimer);
    const client = await entry.client;
    try {
      return await task(client);
    } catch (error) {
      // Every request that was waiting on a connection that stalled (not only the one on the wire)
      // fails as a timeout, and is not retried: the server may have carried the command out.
      if (this.timedOut.has(client)) throw new ImapConnectError("timeout", "the server stopped answering");
      throw error;
    } finally {
      entry.inUse--;
      entry.lastUsed = Date.now();
      this.scheduleIdleClose(sessionKey, entry);
    }
  }

  private async acquire(sessionKey: string, source: CredentialSource): Promise<Entry> {
    const existing = this.entries.get(sessionKey);
    if (existing) {
      const client = await existing.client.catch(() => undefined);
      if (client?.usable && this.entries.get(sessionKey) === existing) return existing;
      this.forget(sessionKey, existing);
    }
    const credentials = typeof source === "function" ? await source() : source;
    this.makeRoom();
    const connect = this.options.connect ?? openImapConnection;
    const entry: Entry = { user: credentials.user, client: connect(this.options.server, credentials), inUse: 0, lastUsed: Date.now() };
    this.entries.set(sessionKey, entry);
    this.opened++;
    try {
      this.watch(sessionKey, entry, await entry.client);
    } catch (error) {
      this.forget(sessionKey, entry);
      throw error;
    }
    return entry;
  }

  private watch(sessionKey: string, entry: Entry, client: ImapFlow) {
    client.on("error", (error: { code?: string }) => {
      if (error?.code === "ETIMEOUT") this.timedOut.add(client);
    });
    client.on("close", () => this.forget(sessionKey, entry));
  }

  private forget(sessionKey: string, entry: Entry | undefined) {
    if (!entry || this.entries.get(sessionKey) !== entry) return;
    clearTimeout(entry.idleTimer);
    this.entries.delete(sessionKey);
  }

  private scheduleIdleClose(sessionKey: string, entry: Entry) {
    clearTimeout(entry.idleTimer);
    if (entry.inUse > 0) return;
    entry.idleTimer = setTimeout(() => void this.releaseIfIdle(sessionKey, entry), this.options.idleTimeoutMs);
    entry.idleTimer.unref();
  }

  private async releaseIfIdle(sessionKey: string, entry: Entry) {
    if (entry.inUse > 0 || this.entries.get(sessionKey) !== entry) return;
    await this.release(sessionKey);
  }

  private makeRoom() {
    if (this.entries.size < this.options.maxConnections) return;
    let victim: [string, Entry] | undefined;
    for (const candidate of this.entries) {
      if (candidate[1].inUse === 0 && (!victim || candidate[1].lastUsed < victim[1].lastUsed)) victim = candidate;
    }
    if (!victim) throw new ImapPoolExhaustedError();
    void this.release(victim[0]);
  }
}

async function logout(client: ImapFlow | undefined) {
  if (!client) return;
  try {
    if (client.usable) await client.logout();
  } catch {
    client.close();
  }
}

function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? "";
  return ["NoConnection", "EConnectionClosed", "ECONNRESET", "EPIPE", "ClosedAfterConnectText", "ClosedAfterConnectTLS"].includes(code);
}
