import { database } from "@/lib/db/database";
import { deleteOldPendingSends } from "@/lib/db/pending-sends";
import { runDueSends } from "./scheduled-send";

/**
 * The timer every server instance runs (started from lib/start-server.ts): once a second it sends
 * what is due, whoever scheduled it and on whichever instance. Ticks never overlap; a failing
 * database is reported once and retried on the next tick. Old settled rows are removed hourly.
 */

const TICK_MS = 1_000;
const CLEANUP_MS = 60 * 60_000;

const holder = globalThis as { __mailroomSendScheduler?: NodeJS.Timeout };

export function startSendScheduler(): void {
  if (holder.__mailroomSendScheduler) return;
  let running = false;
  let reported = false;
  let lastCleanup = 0;
  holder.__mailroomSendScheduler = setInterval(() => {
    if (running) return;
    running = true;
    void (async () => {
      const db = await database();
      while ((await runDueSends(db)) > 0);
      if (Date.now() - lastCleanup > CLEANUP_MS) {
        lastCleanup = Date.now();
        await deleteOldPendingSends(db, 24, 30);
      }
      reported = false;
    })()
      .catch((error: unknown) => {
        // Name and code only: a query's text and parameters stay out of the log.
        const code = (error as { code?: unknown })?.code;
        if (!reported) console.error(`Scheduled sends are waiting: ${(error as Error)?.name ?? "error"}${typeof code === "string" ? ` (${code})` : ""}`);
        reported = true;
      })
      .finally(() => {
        running = false;
      });
  }, TICK_MS);
  holder.__mailroomSendScheduler.unref();
}
