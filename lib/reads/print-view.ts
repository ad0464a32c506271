// Server-only (the server-only package is not installed).
import type { CurrentSession } from "@/lib/auth/current-session";
import { database } from "@/lib/db/database";
import { isSenderAllowed } from "@/lib/db/remote-content";
import { withMessage, type MessageTarget } from "./open-message";
import { linkWarningWords } from "./link-warning-words";
import type { ReadResult } from "./read-result";
import { loadRenderedMessage, type RenderedView } from "./rendered-message";

/** The print view: one message, left as read or unread as it was. */
export async function readPrintView(session: CurrentSession, target: MessageTarget): Promise<ReadResult<RenderedView>> {
  const db = await database();
  const linkWarnings = await linkWarningWords();
  return withMessage(session, target, (client) =>
    loadRenderedMessage(session, client, target, { markRead: false, remoteAllowed: (sender) => isSenderAllowed(db, session.userId, sender), linkWarnings }),
  );
}
