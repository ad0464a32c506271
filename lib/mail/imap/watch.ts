import type { ImapFlow } from "imapflow";
import { openImapConnection, type ImapServer, type MailboxCredentials } from "./connect";

export interface MailboxChange {
  folder: string;
  /** Messages in the folder now. */
  exists: number;
  /** Messages that arrived since the last change was reported (0 for flag changes and removals). */
  arrived: number;
}

export interface MailboxWatchOptions {
  server: ImapServer;
  /** At most this many watcher connections in this app instance. */
  maxWatchers: number;
  /** At most this many watcher connections per session (one per folder open in its tabs). */
  maxPerSession: number;
  /** Changes are gathered this long before they are reported, so a burst becomes one report. */
  settleMs?: number;
  /**
   * Besides IDLE, the watcher asks the server every this often (NOOP, then IDLE again). Dovecot
   * pushes changes during IDLE through inotify; when the host runs out of inotify instances it
   * silently falls back to checking every 30 s, and the NOOP keeps new mail within this delay.
   */
  recheckMs?: number;
  /** For tests: how a connection is opened. */
  connect?: (server: ImapServer, credentials: MailboxCredentials) => Promise<ImapFlow>;
}

export class WatchLimitError extends Error {
  constructor() {
    super("too many live mailbox watchers");
    this.name = "WatchLimitError";
  }
}

type Listener = (change: MailboxChange | "closed") => void;

interface Watcher {
  session: string;
  folder: string;
  client: Promise<ImapFlow>;
  /** The connection once open: events of an older connection for the same key are ignored. */
  open?: ImapFlow;
  recheck?: NodeJS.Timeout;
  listeners: Set<Listener>;
  arrived: number;
  timer?: NodeJS.Timeout;
}

/**
 * Live updates for open folders. The session's pooled connection serves page loads, which
 * SELECT whatever folder they need, so it can't also sit in IDLE on the open folder. Each
 * (session, folder) being watched gets a SECOND, dedicated connection instead: opened when the
 * first event stream for it starts, shared by every stream of that session on that folder, and
 * logged out when the last one ends. It SELECTs the folder and idles there (imapflow IDLEs a
 * selected mailbox by itself when no command runs) and reports EXISTS / EXPUNGE / FETCH FLAGS.
 * Watchers are capped per session and per instance; a connection is never shared by two sessions.
 */
export class MailboxWatchers {
  private readonly watchers = new Map<string, Watcher>();

  constructor(private readonly options: MailboxWatchOptions) {}

  /** Starts reporting changes of `folder` to `listener`; the returned function stops it. */
  async watch(session: string, credentials: () => MailboxCredentials, folder: string, listener: Listener): Promise<() => Promise<void>> {
    const key = `${session}\u0000${folder}`;
    let watcher = this.watchers.get(key);
    if (!watcher) {
      const ofSession = [...this.watchers.values()].filter((entry) => entry.session === session).length;
      if (this.watchers.size >= this.options.maxWatchers || ofSession >= this.options.maxPerSession) throw new WatchLimitError();
      const created: Watcher = { session, folder, client: this.open(key, credentials(), folder), listeners: new Set(), arrived: 0 };
      this.watchers.set(key, created);
      created.client.then(
        (client) => {
          created.open = client;
          if (this.watchers.get(key) === created) created.recheck = this.startRecheck(client);
        },
        () => {
          if (this.watchers.get(key) === created) this.watchers.delete(key);
        },
      );
      watcher = created;
    }
    // The listener joins at once, before any await: a stream that ends meanwhile (the previous
    // page of the same tab) must not see an empty watcher and close it under this one.
    const current = watcher;
    current.listeners.add(listener);
    const stop = async () => {
      current.listeners.delete(listener);
      if (current.listeners.size > 0) return;
      await this.close(key, current);
    };
    try {
      await current.client;
    } catch (error) {
      await stop();
      throw error;
    }
    return stop;
  }

  stats(): { watchers: number } {
    return { watchers: this.watchers.size };
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.watchers].map(([key, watcher]) => this.close(key, watcher)));
  }

  private async open(key: string, credentials: MailboxCredentials, folder: string): Promise<ImapFlow> {
    const connect = this.options.connect ?? openImapConnection;
    const client = await connect(this.options.server, credentials);
    client.on("error", () => undefined);
    try {
      await client.mailboxOpen(folder, { readOnly: true });
    } catch (error) {
      await client.logout().catch(() => client.close());
      throw error;
    }
    const mine = () => {
      const watcher = this.watchers.get(key);
      return watcher && watcher.open === client ? watcher : undefined;
    };
    client.on("exists", (event: { count: number; prevCount: number }) => {
      const watcher = mine();
      if (watcher) this.changed(key, watcher, Math.max(0, event.count - event.prevCount));
    });
    client.on("expunge", () => {
      const watcher = mine();
      if (watcher) this.changed(key, watcher, 0);
    });
    client.on("flags", () => {
      const watcher = mine();
      if (watcher) this.changed(key, watcher, 0);
    });
    // imapflow would start IDLE by itself only after 15 s of quiet; a watcher has nothing else to do.
    client.idle().catch(() => undefined);
    client.on("close", () => {
      const watcher = mine();
      if (!watcher) return;
      this.watchers.delete(key);
      clearTimeout(watcher.timer);
      clearInterval(watcher.recheck);
      for (const listener of watcher.listeners) listener("closed");
    });
    return client;
  }

  private startRecheck(client: ImapFlow): NodeJS.Timeout {
    const timer = setInterval(() => {
      if (!client.usable) return;
      client
        .noop()
        .then(() => client.idle())
        .catch(() => undefined);
    }, this.options.recheckMs ?? 8_000);
    timer.unref();
    return timer;
  }

  private changed(key: string, watcher: Watcher, arrived: number) {
    watcher.arrived += arrived;
    if (watcher.timer) return;
    watcher.timer = setTimeout(() => void this.report(key, watcher), this.options.settleMs ?? 200);
  }

  private async report(key: string, watcher: Watcher) {
    watcher.timer = undefined;
    if (this.watchers.get(key) !== watcher) return;
    const client = await watcher.client;
    const change: MailboxChange = { folder: watcher.folder, exists: client.mailbox ? client.mailbox.exists : 0, arrived: watcher.arrived };
    watcher.arrived = 0;
    for (const listener of watcher.listeners) listener(change);
  }

  private async close(key: string, watcher: Watcher) {
    if (this.watchers.get(key) === watcher) this.watchers.delete(key);
    clearTimeout(watcher.timer);
    clearInterval(watcher.recheck);
    const client = await watcher.client.catch(() => undefined);
    if (!client) return;
    try {
      if (client.usable) await client.logout();
    } catch {
      client.close();
    }
  }
}
