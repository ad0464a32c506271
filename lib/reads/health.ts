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

const holder = globalThis as { __mailroomHealth?: { at: number; report: Promise<HealthReport> } };

/** This instance's health, checked at most once per FRESH_MS (concurrent callers share one check). */
export function readHealth(): Promise<HealthReport> {
  const cached = holder.__mailroomHealth;
  if (cached && Date.now() - cached.at < FRESH_MS) return cached.report;
  const report = probeHealth({ pingDatabase: async () => pingDatabase(await database()), imap: imapServer(), timeoutMs: TIMEOUT_MS });
  holder.__mailroomHealth = { at: Date.now(), report };
  return report;
}
