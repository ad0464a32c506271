import { imapPool } from "@/lib/auth/imap-pool-instance";
import { sessionRowId } from "@/lib/auth/vault";
import { databaseHandle } from "@/lib/db/database";
import { NOTIFICATION_CHANNEL, parseNotification, type InstanceNotification } from "@/lib/db/notifications";
import type { ImapPool } from "@/lib/mail/imap/pool";
import { endSessionStreams } from "./session-streams";

/**
 * Acts on a notification in this instance. A session that ended (anywhere) loses its live-update
 * streams and its pooled IMAP connection here, at once: its cookie already opens nothing, this
 * frees what it held.
 */
export async function applyNotification(notification: InstanceNotification, pool: ImapPool): Promise<void> {
  if (notification.kind === "session-ended") {
    endSessionStreams(notification.sessionRowId);
    // The pool is keyed by session id, which this instance never stores: hash each key to find it.
    const keys = pool.sessionKeys().filter((key) => sessionRowId(key) === notification.sessionRowId);
    await Promise.all(keys.map((key) => pool.release(key)));
  }
}

const holder = globalThis as { __mailroomNotifications?: Promise<() => Promise<void>> };

/** Starts listening for other instances' notifications (and this one's); once per process. */
export function startInstanceNotifications(): Promise<() => Promise<void>> {
  holder.__mailroomNotifications ??= databaseHandle().then((handle) =>
    handle.listen(
      NOTIFICATION_CHANNEL,
      (payload) => {
        const notification = parseNotification(payload);
        if (notification) applyNotification(notification, imapPool()).catch((error: Error) => console.warn(`notifications: ${error.message}`));
      },
      (message) => console.warn(message),
    ),
  );
  return holder.__mailroomNotifications;
}
