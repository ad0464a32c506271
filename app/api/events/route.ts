import { getCurrentSession } from "@/lib/auth/current-session";
import { onSessionEnded } from "@/lib/live/session-streams";
import { isStillSignedIn, watchFolder } from "@/lib/reads/folder-changes";

export const dynamic = "force-dynamic";

const HEARTBEAT_MS = 25_000;
// A closed watcher (server restart, dropped connection) ends the stream; the browser's
// EventSource reconnects after this long and gets a fresh watcher.
const RETRY_MS = 3_000;

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
  let forgetStream: (() => void) | undefined;
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
        forgetStream?.();
        void stop?.();
        try {
          controller.close();
        } catch {
          // already closed by the client going away
        }
      };
      request.signal.addEventListener("abort", finish);
      const watching = await watchFolder(session, folder, (change) => {
        if (change === "closed") finish();
        else send(`event: mailbox\ndata: ${JSON.stringify(change)}\n\n`);
      });
      if (!watching.ok) {
        send(`retry: ${RETRY_MS * 10}\nevent: unavailable\ndata: ${JSON.stringify({ message: watching.error })}\n\n`);
        finish();
        return;
      }
      stop = watching.data;
      if (request.signal.aborted) {
        finish();
        return;
      }
      // Signed out or revoked on any instance: the notification ends the stream at once.
      forgetStream = onSessionEnded(session.rowId, finish);
      send(`retry: ${RETRY_MS}\nevent: ready\ndata: {}\n\n`);
      // The stream outlives the request's session check: end it (and its watcher) once the
      // session is signed out, revoked elsewhere, or expired (idle or past its lifetime).
      heartbeat = setInterval(async () => {
        if (await isStillSignedIn(session)) send(": keep-alive\n\n");
        else finish();
      }, HEARTBEAT_MS);
    },
    cancel() {
      closed = true;
      clearInterval(heartbeat);
      forgetStream?.();
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
