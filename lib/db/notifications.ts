import { sql } from "drizzle-orm";
import { Client } from "pg";
import type { Database } from "./client";

/**
 * Messages between the app instances that share one database, through PostgreSQL's LISTEN/NOTIFY
 * (with the embedded PGlite there is one instance, and PGlite delivers them within the process).
 * A notification is a hint to act now: whatever it announces is already true in the database, so
 * an instance that missed one (its listening connection was down) still finds out on its next
 * check, only later.
 */
export const NOTIFICATION_CHANNEL = "mailroom_events";

/** A session ended (signed out, or revoked on Settings → Signed-in devices): drop what is held for it. */
export interface SessionEndedNotification {
  kind: "session-ended";
  /** The session's database id (a hash of its id; the session id itself never leaves its cookie). */
  sessionRowId: string;
}

export type InstanceNotification = SessionEndedNotification;

/** Tells every instance listening on this database, this one included. */
export async function publishNotification(db: Database, notification: InstanceNotification): Promise<void> {
  await db.execute(sql`select pg_notify(${NOTIFICATION_CHANNEL}, ${JSON.stringify(notification)})`);
}

/** The notification in a payload, or undefined for anything this version does not know. */
export function parseNotification(payload: string): InstanceNotification | undefined {
  try {
    const value = JSON.parse(payload) as Partial<SessionEndedNotification>;
    if (value.kind === "session-ended" && typeof value.sessionRowId === "string" && /^[0-9a-f]{64}$/.test(value.sessionRowId)) {
      return { kind: "session-ended", sessionRowId: value.sessionRowId };
    }
  } catch {
    // not JSON: not ours
  }
  return undefined;
}

export interface PostgresListenOptions {
  /** Wait before reconnecting a dropped listening connection, doubled up to 30 s. */
  retryMs?: number;
  /** Told when the listening connection drops or cannot be opened (never with credentials). */
  onTrouble?: (message: string) => void;
}

const MAX_RETRY_MS = 30_000;

/**
 * LISTENs on a connection of its own (a pooled one would be handed to other queries), and opens a
 * new one when it drops. Resolves once the first LISTEN is in place; the function it resolves
 * with stops listening.
 */
export function listenOnPostgres(
  connectionString: string,
  channel: string,
  onPayload: (payload: string) => void,
  options: PostgresListenOptions = {},
): Promise<() => Promise<void>> {
  const firstRetryMs = options.retryMs ?? 1_000;
  let retryMs = firstRetryMs;
  let stopped = false;
  let current: Client | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let listening: (() => void) | undefined;
  const ready = new Promise<void>((resolve) => (listening = resolve));

  const stop = async () => {
    stopped = true;
    clearTimeout(retryTimer);
    await current?.end().catch(() => undefined);
  };

  const connect = async () => {
    if (stopped) return;
    const client = new Client({ connectionString, connectionTimeoutMillis: 10_000, keepAlive: true });
    current = client;
    let dropped = false;
    const reconnect = (reason: string) => {
      if (dropped || stopped) return;
      dropped = true;
      options.onTrouble?.(`notifications: listening connection ${reason}; retrying in ${Math.round(retryMs / 1000)} s`);
      client.end().catch(() => undefined);
      retryTimer = setTimeout(() => void connect(), retryMs);
      retryTimer.unref();
      retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
    };
    client.on("error", () => reconnect("failed"));
    client.on("end", () => reconnect("closed"));
    client.on("notification", (message) => {
      if (message.channel === channel && message.payload !== undefined) onPayload(message.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN "${channel.replaceAll('"', '""')}"`);
    } catch {
      reconnect("could not be opened");
      return;
    }
    if (stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    retryMs = firstRetryMs;
    listening?.();
  };

  void connect();
  return ready.then(() => stop);
}
