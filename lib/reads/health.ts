// Server-only (the server-only package is not installed).
import { imapServer } from "@/lib/auth/imap-pool-instance";
import { database } from "@/lib/db/database";
import { pingDatabase } from "@/lib/db/health";
import type { ImapServer } from "@/lib/mail/imap/connect";
import { probeImapGreeting } from "@/lib/mail/imap/greeting-probe";

export type Reachability = "ok" | "down";

/** What /api/health tells a load balancer: no host names, no error text, nothing about anyone. */
export interface HealthReport {
  status: "ok" | "unavailable";
  database: Reachability;
  imap: Reachability;
}

export interface HealthProbes {
  /** Resolves when the database answers a query, rejects otherwise. */
  pingDatabase(): Promise<void>;
  imap: ImapServer;
  /** Each check gives up after this long and counts as down. */
  timeoutMs: number;
}

/** Checks the database and the IMAP server side by side, each bounded by the timeout. */
export async function probeHealth(probes: HealthProbes): Promise<HealthReport> {
  const [databaseUp, imapUp] = await Promise.all([
    withTimeout(probes.pingDatabase(), probes.timeoutMs).then(
      () => true,
      () => false,
    ),
    probeImapGreeting(probes.imap, probes.timeoutMs),
  ]);
  return {
    status: databaseUp && imapUp ? "ok" : "unavailable",
    database: databaseUp ? "ok" : "down",
    imap: imapUp ? "ok" : "down",
  };
}

function withTimeout(task: Promise<unknown>, ms: number): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error("timed out")), ms);
  });
  return Promise.race([task, timeout]).finally(() => clearTimeout(timer));
}

const TIMEOUT_MS = 2_000;
// Load balancers ask every few seconds, from several places: one check serves them all for this
// long, so health checks never become a load on the database or the IMAP server.
const FRESH_MS = 2_000;
// After that, the last check's answer is given at once while the next check runs, for this long:
// an answer waits for neither the IMAP server's TLS handshake nor the database, so a busy Dovecot
// or a slow disk cannot make a healthy instance look stalled. A state this old is not trusted, and
// the answer waits for the check (as the very first one does).
const STALE_MS = 10_000;

export interface HealthReader {
  /** The latest answer: from a check under `freshMs` old, or one under `staleMs` old while the next runs. */
  read(): Promise<HealthReport>;
}

/** Runs `check` at most once per `freshMs`; concurrent callers share one check. */
export function createHealthReader(
  check: () => Promise<HealthReport>,
  { freshMs, staleMs, now = Date.now }: { freshMs: number; staleMs: number; now?: () => number },
): HealthReader {
  let last: { at: number; report: HealthReport } | undefined;
  let running: Promise<HealthReport> | undefined;
  const recheck = (): Promise<HealthReport> => {
    running ??= check()
      .then((report) => {
        last = { at: now(), report };
        return report;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  return {
    read() {
      const age = last ? now() - last.at : Infinity;
      if (last && age < freshMs) return Promise.resolve(last.report);
      const next = recheck();
      if (!last || age >= staleMs) return next;
      // Answered from the last check: a failure of this one reaches nobody, so it must not go unhandled.
      next.catch(() => undefined);
      return Promise.resolve(last.report);
    },
  };
}

const holder = globalThis as { __mailroomHealth?: HealthReader };

/** This instance's health for /api/health. */
export function readHealth(): Promise<HealthReport> {
  holder.__mailroomHealth ??= createHealthReader(async () => probeHealth({ pingDatabase: async () => pingDatabase(await database()), imap: imapServer(), timeoutMs: TIMEOUT_MS }), {
    freshMs: FRESH_MS,
    staleMs: STALE_MS,
  });
  return holder.__mailroomHealth.read();
}
