// Server-only (the server-only package is not installed).
import type { CurrentSession } from "@/lib/auth/current-session";
import { imapServer } from "@/lib/auth/imap-pool-instance";
import { database } from "@/lib/db/database";
import { findSessionWithUser } from "@/lib/db/sessions";
import { MailboxWatchers, WatchLimitError, type MailboxChange } from "@/lib/mail/imap/watch";
import type { ReadResult } from "./read-result";

// One registry per server process, kept on globalThis so that dev-mode module reloads reuse it.
const holder = globalThis as { __mailroomWatchers?: MailboxWatchers };

function watchers(): MailboxWatchers {
  holder.__mailroomWatchers ??= new MailboxWatchers({ server: imapServer(), maxWatchers: 200, maxPerSession: 3 });
  return holder.__mailroomWatchers;
}

/**
 * Live changes of an open folder (IDLE on a connection of its own): `listener` hears each change,
 * and "closed" when the watcher ends. The data is the function that stops listening.
 */
export async function watchFolder(
  session: CurrentSession,
  folder: string,
  listener: (change: MailboxChange | "closed") => void,
): Promise<ReadResult<() => Promise<void>, "busy" | "mailbox">> {
  try {
    return { ok: true, data: await watchers().watch(session.sessionId, () => session.imapCredentials(), folder, listener) };
  } catch (error) {
    if (error instanceof WatchLimitError) return { ok: false, code: "busy", error: "Live updates are paused: too many open tabs." };
    return { ok: false, code: "mailbox", error: "Live updates are unavailable right now." };
  }
}

/** Whether the session still exists (not signed out or revoked elsewhere); true when that can't be checked right now. */
export async function isStillSignedIn(session: CurrentSession): Promise<boolean> {
  const row = await database()
    .then((db) => findSessionWithUser(db, session.rowId))
    .catch(() => null);
  return row !== undefined;
}
