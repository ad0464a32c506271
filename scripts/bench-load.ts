/**
 * The concurrency run of `npm run bench -- --load N`: N simulated signed-in users, each in a loop
 * of "open the folder, open a message, turn a page, search" with a think time between requests,
 * against one app instance on 127.0.0.1, for a bounded time. Reports latency percentiles,
 * errors, throughput, the server's memory and its IMAP connections.
 */
import { execFileSync } from "node:child_process";
import { randomInt } from "node:crypto";
import { readFileSync } from "node:fs";

export const MAX_LOAD_USERS = 200;
export const MAX_LOAD_SECONDS = 60;

export interface LoadAccount {
  email: string;
  password: string;
  folder: string;
  /** UIDs the users open, newest first. */
  uids: number[];
}

export interface LoadOptions {
  url: string;
  users: number;
  durationMs: number;
  /** Mean pause between one user's requests (each pause is random between 0.5× and 1.5×). */
  thinkMs: number;
  accounts: LoadAccount[];
  /** The app's port and the IMAP server's, to find its process and count its connections. */
  appPort: number;
  imapPort: number;
}

export interface LoadResult {
  users: number;
  seconds: number;
  requests: number;
  errors: number;
  errorSamples: string[];
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  byStep: Record<string, { count: number; p50: number; p95: number }>;
  rssMbMax: number;
  imapConnectionsMax: number;
  signInSeconds: number;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** A cookie jar for one simulated browser. */
class Browser {
  private readonly jar = new Map<string, string>();
  constructor(
    private readonly url: string,
    /** Its own client address, told by the trusted proxy (127.0.0.1): sign-in limits count per client. */
    private readonly clientAddress: string,
  ) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set("x-forwarded-for", this.clientAddress);
    if (this.jar.size > 0) headers.set("cookie", [...this.jar].map(([name, value]) => `${name}=${value}`).join("; "));
    const response = await fetch(`${this.url}${path}`, { ...init, headers, redirect: "manual", signal: AbortSignal.timeout(30_000) });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, ...value] = pair!.split("=");
      this.jar.set(name!.trim(), value.join("="));
    }
    return response;
  }

  async signIn(email: string, password: string): Promise<void> {
    const csrf = await this.request("/api/auth/csrf");
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const answer = await this.request("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, email, password, callbackUrl: "/" }),
    });
    await answer.arrayBuffer();
    if (![...this.jar.keys()].some((name) => name.endsWith("authjs.session-token"))) throw new Error(`could not sign in ${email} over HTTP (${answer.status})`);
  }
}

/** Signs one browser in over HTTP (the Auth.js credentials callback), from its own client address. */
export async function signedInBrowser(url: string, email: string, password: string): Promise<Browser> {
  const browser = new Browser(url, `127.${randomInt(1, 255)}.${randomInt(256)}.${randomInt(1, 255)}`);
  await browser.signIn(email, password);
  return browser;
}

/** The resident memory of the app: the `next start` process on `port` and its children, in MB. */
export function appRssMb(port: number): number {
  const rows = execFileSync("ps", ["-eo", "pid=,ppid=,rss=,args="], { encoding: "utf8" })
    .split("\n")
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields.length >= 4)
    .map(([pid, ppid, rss, ...args]) => ({ pid: Number(pid), ppid: Number(ppid), rss: Number(rss), args: args.join(" ") }));
  const roots = rows.filter((row) => /next(\/dist\/bin\/next)? start/.test(row.args) && row.args.includes(`-p ${port}`)).map((row) => row.pid);
  const tree = new Set(roots);
  for (let grew = true; grew;) {
    grew = false;
    for (const row of rows) {
      if (tree.has(row.ppid) && !tree.has(row.pid)) {
        tree.add(row.pid);
        grew = true;
      }
    }
  }
  return rows.filter((row) => tree.has(row.pid)).reduce((sum, row) => sum + row.rss, 0) / 1024;
}

/** Established TCP connections from the app's processes to the IMAP port (from /proc: no tools needed). */
export function appImapConnections(appPort: number, imapPort: number): number {
  const rows = execFileSync("ps", ["-eo", "pid=,args="], { encoding: "utf8" }).split("\n");
  const pids = rows
    .map((line) => line.trim())
    .filter((line) => /next(\/dist\/bin\/next)? start/.test(line) && line.includes(`-p ${appPort}`))
    .map((line) => Number(line.split(/\s+/)[0]));
  const children = execFileSync("ps", ["-eo", "pid=,ppid="], { encoding: "utf8" })
    .split("\n")
    .map((line) => line.trim().split(/\s+/).map(Number))
    .filter((pair) => pair.length === 2 && pids.includes(pair[1]!))
    .map((pair) => pair[0]!);
  const inodes = new Set<string>();
  for (const pid of [...pids, ...children]) {
    try {
      for (const line of execFileSync("ls", ["-l", `/proc/${pid}/fd`], { encoding: "utf8" }).split("\n")) {
        const match = /socket:\[(\d+)\]/.exec(line);
        if (match) inodes.add(match[1]!);
      }
    } catch {
      // the process ended
    }
  }
  const hexPort = imapPort.toString(16).toUpperCase().padStart(4, "0");
  let count = 0;
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text = "";
    try {
      text = readFileSync(table, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      // remote address is fields[2] ("0100007F:2AF9"), state fields[3] ("01" = established), inode fields[9]
      if (fields.length > 9 && fields[2]!.endsWith(`:${hexPort}`) && fields[3] === "01" && inodes.has(fields[9]!)) count++;
    }
  }
  return count;
}

/** Runs the load and reports what it saw. Every request goes to `url` (a loopback app instance). */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(options.url)) throw new Error("the load run only targets an app on 127.0.0.1");
  const users = Math.min(Math.max(1, options.users), MAX_LOAD_USERS);
  const durationMs = Math.min(options.durationMs, MAX_LOAD_SECONDS * 1000);

  const signInStarted = performance.now();
  const browsers: { browser: Browser; account: LoadAccount }[] = [];
  // A few at a time: sign-ins still running count against the address's limit.
  for (let next = 0; next < users; next += 4) {
    const batch = Array.from({ length: Math.min(4, users - next) }, (_, index) => options.accounts[(next + index) % options.accounts.length]!);
    browsers.push(...(await Promise.all(batch.map(async (account) => ({ browser: await signedInBrowser(options.url, account.email, account.password), account })))));
  }
  const signInSeconds = (performance.now() - signInStarted) / 1000;

  const latencies: number[] = [];
  const byStep = new Map<string, number[]>();
  const errorSamples: string[] = [];
  let errors = 0;
  let rssMbMax = appRssMb(options.appPort);
  let imapConnectionsMax = appImapConnections(options.appPort, options.imapPort);
  const sampler = setInterval(() => {
    rssMbMax = Math.max(rssMbMax, appRssMb(options.appPort));
    imapConnectionsMax = Math.max(imapConnectionsMax, appImapConnections(options.appPort, options.imapPort));
  }, 2_000);

  const started = performance.now();
  const deadline = started + durationMs;
  const folderPath = (account: LoadAccount) => `/mail/${encodeURIComponent(account.folder)}`;
  const steps: [string, (account: LoadAccount) => string][] = [
    ["folder page 1", (account) => folderPath(account)],
    ["open a message", (account) => `${folderPath(account)}/${account.uids[randomInt(Math.min(50, account.uids.length))]}`],
    ["folder page 2", (account) => `${folderPath(account)}?page=2`],
    ["open a message", (account) => `${folderPath(account)}/${account.uids[randomInt(account.uids.length)]}`],
    ["search", (account) => `${folderPath(account)}?q=budget`],
  ];
  await Promise.all(
    browsers.map(async ({ browser, account }, index) => {
      // Users start spread over the first think time, not all in the same millisecond.
      await sleep(randomInt(Math.max(1, options.thinkMs)));
      for (let step = index % steps.length; performance.now() < deadline; step = (step + 1) % steps.length) {
        const [name, path] = steps[step]!;
        const requestStarted = performance.now();
        try {
          const response = await browser.request(path(account));
          await response.arrayBuffer();
          if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
          const latency = performance.now() - requestStarted;
          latencies.push(latency);
          byStep.set(name, [...(byStep.get(name) ?? []), latency]);
        } catch (error) {
          errors++;
          if (errorSamples.length < 5) errorSamples.push(`${name}: ${(error as Error).message}`);
        }
        await sleep(options.thinkMs * (0.5 + Math.random()));
      }
    }),
  );
  clearInterval(sampler);
  const seconds = (performance.now() - started) / 1000;
  return {
    users,
    seconds,
    requests: latencies.length + errors,
    errors,
    errorSamples,
    perSecond: (latencies.length + errors) / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: Math.max(...latencies),
    byStep: Object.fromEntries([...byStep].map(([name, values]) => [name, { count: values.length, p50: percentile(values, 50), p95: percentile(values, 95) }])),
    rssMbMax,
    imapConnectionsMax,
    signInSeconds,
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
