// Server-only (the server-only package is not installed).
import { getTranslations } from "next-intl/server";
import type { CurrentSession } from "@/lib/auth/current-session";
import { imapServer } from "@/lib/auth/imap-pool-instance";
import { isSessionExpired } from "@/lib/auth/session-expiry";
import { database } from "@/lib/db/database";
import { findSessionWithUser } from "@/lib/db/sessions";
import { env } from "@/lib/env";
import { MailboxWatchers, WatchLimitError, type MailboxChange } from "@/lib/mail/imap/watch";
import type { ReadResult } from "./read-result";

// One registry per server process, kept on globalThis so that dev-mode module reloads reuse it.
const holder = globalThis as { __mailroomWatchers?: MailboxWatchers; __mailroomStreamsPerUser?: Map<string, number> };

function watchers(): MailboxWatchers {
  holder.__mailroomWatchers ??= new MailboxWatchers({ server: imapServer(), maxWatchers: 200, maxPerSession: 3 });
  return holder.__mailroomWatchers;
}

/** Open live-update streams per user in this instance: one account can't take every watcher slot, however many sessions it has. */
function streamsPerUser(): Map<string, number> {
  holder.__mailroomStreamsPerUser ??= new Map();
  return holder.__mailroomStreamsPerUser;
}

/**
 * Live changes of an open folder (IDLE on a connection of its own): `listener` hears each change,
 * and "closed" when the watcher ends. The data is the function that stops listening. A user has
 * at most MAILROOM_LIVE_STREAMS_PER_USER of these open per instance, across all their sessions.
 */
export async function watchFolder(
  session: CurrentSession,
  folder: string,
  listener: (change: MailboxChange | "closed") => void,
): Promise<ReadResult<() => Promise<void>, "busy" | "mailbox">> {
  const t = await getTranslations("errors");
  const open = streamsPerUser();
  const held = open.get(session.userId) ?? 0;
  if (held >= env().liveStreamsPerUser) return { ok: false, code: "busy", error: t("liveTooManyTabs") };
  open.set(session.userId, held + 1);
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    const left = (open.get(session.userId) ?? 1) - 1;
    if (left > 0) open.set(session.userId, left);
    else open.delete(session.userId);
  };
  try {
    const stop = await watchers().watch(session.sessionId, () => session.imapCredentials(), folder, listener);
    return {
      ok: true,
      data: async () => {
        release();
        await stop();
      },
    };
  } catch (error) {
    release();
    if (error instanceof WatchLimitError) return { ok: false, code: "busy", error: t("liveTooManyTabs") };
    return { ok: false, code: "mailbox", error: t("liveUnavailable") };
  }
}

/**
 * Whether the session still holds: not signed out or revoked elsewhere, and neither idle too long
 * nor past its lifetime (the stream itself does not count as use). True when the database can't
 * be asked right now.
 */
export async function isStillSignedIn(session: CurrentSession): Promise<boolean> {
  const row = await database()
    .then((db) => findSessionWithUser(db, session.rowId))
    .catch(() => null);
  if (row === null) return true;
  return row !== undefined && !isSessionExpired(row, env().session);
}
