import { getCurrentSession } from "@/lib/auth/current-session";
import { imapServer } from "@/lib/auth/imap-pool-instance";
import { database } from "@/lib/db/database";
import { findSessionWithUser } from "@/lib/db/sessions";
import { MailboxWatchers, WatchLimitError, type MailboxChange } from "@/lib/mail/imap/watch";

export const dynamic = "force-dynamic";

const HEARTBEAT_MS = 25_000;
// A closed watcher (server restart, dropped connection) ends the stream; the browser's
// EventSource reconnects after this long and gets a fresh watcher.
const RETRY_MS = 3_000;

// One registry per server process, kept on globalThis so that dev-mode module reloads reuse it.
const holder = globalThis as { __mailroomWatchers?: MailboxWatchers };

function watchers(): MailboxWatchers {
  holder.__mailroomWatchers ??= new MailboxWatchers({ server: imapServer(), maxWatchers: 200, maxPerSession: 3 });
  return holder.__mailroomWatchers;
}

/**
 * Server-Sent Events for the open folder: `event: mailbox` with { folder, exists, arrived }
 * whenever its messages change, a comment line every 25 s to keep proxies from closing it.
 */
export async function GET(request: Request): Promise<Response> {
  const session = await getCurrentSession();
  if (!session) return Response.json({ error: "Sign in first." }, { status: 401 });
  const folder = new URL(request.url).searchParams.get("folder");
  if (!folder) return Response.json({ error: "Name a folder." }, { status: 400 });

  const encoder = new TextEncoder();
  let stop: (() => Promise<void>) | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  let closed = false;

  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text));
      };
      const finish = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        void stop?.();
        try {
          controller.close();
        } catch {
          // already closed by the client going away
        }
      };
      request.signal.addEventListener("abort", finish);
      try {
        stop = await watchers().watch(session.sessionId, () => session.imapCredentials(), folder, (change: MailboxChange | "closed") => {
          if (change === "closed") finish();
          else send(`event: mailbox\ndata: ${JSON.stringify(change)}\n\n`);
        });
      } catch (error) {
        const message = error instanceof WatchLimitError ? "Live updates are paused: too many open tabs." : "Live updates are unavailable right now.";
        send(`retry: ${RETRY_MS * 10}\nevent: unavailable\ndata: ${JSON.stringify({ message })}\n\n`);
        finish();
        return;
      }
      if (request.signal.aborted) {
        finish();
        return;
      }
      send(`retry: ${RETRY_MS}\nevent: ready\ndata: {}\n\n`);
      // The stream outlives the request's session check: end it (and its watcher) once the
      // session is signed out or revoked elsewhere.
      heartbeat = setInterval(async () => {
        const row = await database()
          .then((db) => findSessionWithUser(db, session.rowId))
          .catch(() => null);
        if (row === undefined) finish();
        else send(": keep-alive\n\n");
      }, HEARTBEAT_MS);
    },
    cancel() {
      closed = true;
      clearInterval(heartbeat);
      void stop?.();
    },
  });

  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-store, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
}
