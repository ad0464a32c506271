/**
 * The hostile-mail run of `npm run bench -- --hostile`: one signed-in user opens each message of
 * the hostile set (tests/support/hostile-messages.ts) over HTTP the way a browser does (the message
 * page, then its body frame) while a second client asks /api/health every 20 ms, as a load balancer
 * or another user would. It reports how long each open took and how long health answers took while
 * it did (issue 9: every answer within 100 ms). Everything goes to 127.0.0.1, bounded in count.
 */
import { percentile, signedInBrowser } from "./bench-load";

export interface HostileOpen {
  name: string;
  /** Message page plus body frame, per round. */
  openMs: number[];
  /** /api/health answers that started while this message was being opened. */
  healthMs: number[];
}

export interface HostileResult {
  opens: HostileOpen[];
  /** Every health answer during the run. */
  healthMs: number[];
  failures: string[];
}

const HEALTH_PAUSE_MS = 20;

/**
 * Opens each of `uids` (name → UID in `folder`) `rounds` times, after one warm-up open of each
 * (starting the render workers and loading the routes is not what is measured).
 */
export async function runHostileBench(options: {
  url: string;
  email: string;
  password: string;
  folder: string;
  uids: Map<string, number>;
  rounds: number;
}): Promise<HostileResult> {
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(options.url)) throw new Error("the hostile run only targets an app on 127.0.0.1");
  const browser = await signedInBrowser(options.url, options.email, options.password);
  const failures: string[] = [];
  const open = async (name: string, uid: number) => {
    const started = performance.now();
    for (const pathname of [`/mail/${encodeURIComponent(options.folder)}/${uid}`, `/api/messages/${encodeURIComponent(options.folder)}/${uid}/body`]) {
      const response = await browser.request(pathname);
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${name}: ${pathname} answered HTTP ${response.status}`);
    }
    return performance.now() - started;
  };
  for (const [name, uid] of options.uids) await open(name, uid).catch((error: Error) => failures.push(`warm-up ${error.message}`));
  const health = await fetch(`${options.url}/api/health`);
  await health.arrayBuffer();

  const healthMs: number[] = [];
  let current: HostileOpen | undefined;
  let polling = true;
  const poller = (async () => {
    while (polling) {
      const during = current;
      const started = performance.now();
      const response = await fetch(`${options.url}/api/health`, { signal: AbortSignal.timeout(30_000) });
      await response.arrayBuffer();
      const latency = performance.now() - started;
      healthMs.push(latency);
      during?.healthMs.push(latency);
      await new Promise((resolve) => setTimeout(resolve, HEALTH_PAUSE_MS));
    }
  })();

  const opens = [...options.uids.keys()].map((name): HostileOpen => ({ name, openMs: [], healthMs: [] }));
  try {
    for (let round = 0; round < options.rounds; round++) {
      for (const entry of opens) {
        current = entry;
        try {
          entry.openMs.push(await open(entry.name, options.uids.get(entry.name)!));
        } catch (error) {
          failures.push((error as Error).message);
        }
        // Health answers that started during this open are counted for it; let one more start.
        await new Promise((resolve) => setTimeout(resolve, HEALTH_PAUSE_MS * 2));
      }
    }
  } finally {
    current = undefined;
    polling = false;
    await poller;
  }
  return { opens, healthMs, failures };
}

/** One line per message, then the health summary against `limitMs`. */
export function printHostileResult(result: HostileResult, limitMs: number): void {
  const fmt = (ms: number) => `${ms.toFixed(1).padStart(8)} ms`;
  for (const entry of result.opens) {
    const healthMax = entry.healthMs.length ? Math.max(...entry.healthMs) : NaN;
    console.log(
      `  open ${entry.name.padEnd(34)} p50 ${fmt(percentile(entry.openMs, 50))}  max ${fmt(Math.max(...entry.openMs))}   health meanwhile: ${String(entry.healthMs.length).padStart(3)} answers, max ${fmt(healthMax)}`,
    );
  }
  const max = Math.max(...result.healthMs);
  console.log(
    `  /api/health during the run: ${result.healthMs.length} answers, p50 ${fmt(percentile(result.healthMs, 50))}  p95 ${fmt(percentile(result.healthMs, 95))}  max ${fmt(max)}  (issue 9: every answer ≤ ${limitMs} ms: ${max <= limitMs ? "met" : "NOT met"})`,
  );
  if (result.failures.length) console.log(`  failures: ${result.failures.slice(0, 5).join("; ")}`);
}
