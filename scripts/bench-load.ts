/**
 * The concurrency run of `npm run bench -- --load N`: N simulated signed-in users, each visiting
 * the folder (a whole document) and then, as in-app clicks, in a loop of "the folder, open a
 * message (with its body frame), turn a page, open a message, search" with a think time between
 * requests, against app instances on 127.0.0.1 (one, or several behind scripts/bench-proxy.ts),
 * for a bounded time. Reports latency percentiles, errors, throughput, the server's memory and
 * its IMAP connections.
 */
import { execFileSync } from "node:child_process";
import { randomInt } from "node:crypto";
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { computeCacheBustingSearchParam } from "next/dist/shared/lib/router/utils/cache-busting-search-param";

export const MAX_LOAD_USERS = 200;
export const MAX_LOAD_SECONDS = 60;
const MAX_SIGN_IN_MS = 90_000;
const REQUEST_TIMEOUT_MS = 30_000;
// Statuses whose Response can't carry a body.
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

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
  /** The app instances' ports and the IMAP server's, to find their processes and count their connections. */
  appPorts: number[];
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

/**
 * The headers of a click in the app, as Chromium sends them: the React Server Components payload
 * for the router state the browser says it has (Next-Router-State-Tree), so the shared layouts
 * (folder tree, outbox) are not rendered again. `uid` set: a click on that message in the list.
 */
export function inAppClick(folder: string, uid?: number): Record<string, string> {
  const inApp = (inner: unknown[]) => ["", { children: ["(app)", { children: ["mail", { children: inner }, null, null, 8] }, null, null, 8] }, null, null, 24];
  const refetchedPage = ["__PAGE__", {}, null, "refetch", 0];
  const folderSegment = ["folder", folder, "d", null];
  const tree =
    uid === undefined
      ? inApp([folderSegment, { children: refetchedPage }, null, null, 4])
      : inApp([folderSegment, { children: [["uid", String(uid), "d", null], { children: refetchedPage }, null, null, 4] }, null, null, 12]);
  return { RSC: "1", "Next-Router-State-Tree": encodeURIComponent(JSON.stringify(tree)), "Next-Url": `/mail/${encodeURIComponent(folder)}` };
}

/** The body frame's address in a message page (its HTML or its RSC payload). */
export function bodyFrameOf(page: string): string | undefined {
  return /\/api\/messages\/[^"\\]+\/body\?v=[0-9]+(?:(?:&|\\u0026|&amp;)remote=1)?/.exec(page)?.[0]?.replace(/\\u0026|&amp;/g, "&");
}

/** A cookie jar for one simulated browser. */
class Browser {
  private readonly jar = new Map<string, string>();
  constructor(
    private readonly url: string,
    /** Its own client address, told by the trusted proxy (127.0.0.1): sign-in limits count per client. */
    private readonly clientAddress: string,
  ) {}

  /**
   * One request, its body read in full (the Response returned holds it). A timer of its own, held
   * until the body is read, ends a request whose answer never completes after 30 s: with an
   * `AbortSignal.timeout`, minute-long runs of 200 users stopped with requests pending forever.
   */
  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set("x-forwarded-for", this.clientAddress);
    if (this.jar.size > 0) headers.set("cookie", [...this.jar].map(([name, value]) => `${name}=${value}`).join("; "));
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        abort.abort();
        reject(new Error(`no complete answer within ${REQUEST_TIMEOUT_MS / 1000} s`));
      }, REQUEST_TIMEOUT_MS);
    });
    const answered = async () => {
      const response = await fetch(`${this.url}${path}`, { ...init, headers, redirect: "manual", signal: abort.signal });
      const body = await response.arrayBuffer();
      for (const line of response.headers.getSetCookie()) {
        const [pair] = line.split(";");
        const [name, ...value] = pair!.split("=");
        this.jar.set(name!.trim(), value.join("="));
      }
      return new Response(NULL_BODY_STATUSES.has(response.status) ? null : body, { status: response.status, headers: response.headers });
    };
    try {
      return await Promise.race([answered(), timedOut]);
    } finally {
      clearTimeout(timer);
      timedOut.catch(() => {});
    }
  }

  /**
   * An in-app navigation: the RSC payload of `path` with a click's headers, and the `_rsc`
   * search parameter Next expects for them (it answers a missing or wrong one with a redirect).
   */
  async navigate(path: string, headers: Record<string, string>): Promise<Response> {
    const rsc = await computeCacheBustingSearchParam(undefined, undefined, headers["Next-Router-State-Tree"], headers["Next-Url"]);
    return this.request(`${path}${path.includes("?") ? "&" : "?"}_rsc=${rsc}`, { headers });
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

/** Socket inodes of TCP connections in /proc/net/tcp{,6} matching `keep` (fields: local, remote, state, …, inode). */
function tcpInodes(keep: (local: string, remote: string, state: string) => boolean): Set<string> {
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text = "";
    try {
      text = readFileSync(table, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length > 9 && keep(fields[1]!, fields[2]!, fields[3]!)) inodes.add(fields[9]!);
    }
  }
  return inodes;
}

const hexPort = (port: number) => `:${port.toString(16).toUpperCase().padStart(4, "0")}`;

function socketInodesOf(pid: number): Set<string> {
  const inodes = new Set<string>();
  try {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      try {
        const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (match) inodes.add(match[1]!);
      } catch {
        // closed meanwhile
      }
    }
  } catch {
    // the process ended
  }
  return inodes;
}

/** The app: the process listening on `port` (Next renames itself "next-server") and its child processes. */
function appProcesses(port: number): number[] {
  const listening = tcpInodes((local, _remote, state) => local.endsWith(hexPort(port)) && state === "0A");
  const rows = execFileSync("ps", ["-eo", "pid=,ppid="], { encoding: "utf8" })
    .split("\n")
    .map((line) => line.trim().split(/\s+/).map(Number))
    .filter((pair) => pair.length === 2);
  const tree = new Set(rows.map(([pid]) => pid!).filter((pid) => [...socketInodesOf(pid)].some((inode) => listening.has(inode))));
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, ppid] of rows) {
      if (tree.has(ppid!) && !tree.has(pid!)) {
        tree.add(pid!);
        grew = true;
      }
    }
  }
  return [...tree];
}

/** The resident memory of the app's processes, in MB. */
export function appRssMb(port: number): number {
  let kb = 0;
  for (const pid of appProcesses(port)) {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      // the process ended
    }
  }
  return kb / 1024;
}

/** Established TCP connections from the app's processes to the IMAP port. */
export function appImapConnections(appPort: number, imapPort: number): number {
  const toImap = tcpInodes((_local, remote, state) => remote.endsWith(hexPort(imapPort)) && state === "01");
  let count = 0;
  for (const pid of appProcesses(appPort)) for (const inode of socketInodesOf(pid)) if (toImap.has(inode)) count++;
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
  // Bounded too: on a saturated machine the run goes on with those signed in by then.
  for (let next = 0; next < users && performance.now() - signInStarted < MAX_SIGN_IN_MS; next += 4) {
    const batch = Array.from({ length: Math.min(4, users - next) }, (_, index) => options.accounts[(next + index) % options.accounts.length]!);
    browsers.push(...(await Promise.all(batch.map(async (account) => ({ browser: await signedInBrowser(options.url, account.email, account.password), account })))));
  }
  const signInSeconds = (performance.now() - signInStarted) / 1000;

  const latencies: number[] = [];
  const byStep = new Map<string, number[]>();
  const errorSamples: string[] = [];
  let errors = 0;
  const rssMb = () => options.appPorts.reduce((sum, port) => sum + appRssMb(port), 0);
  const imapConnections = () => options.appPorts.reduce((sum, port) => sum + appImapConnections(port, options.imapPort), 0);
  let rssMbMax = rssMb();
  let imapConnectionsMax = imapConnections();
  const sampler = setInterval(() => {
    rssMbMax = Math.max(rssMbMax, rssMb());
    imapConnectionsMax = Math.max(imapConnectionsMax, imapConnections());
  }, 2_000);

  const started = performance.now();
  const deadline = started + durationMs;
  const folderPath = (account: LoadAccount) => `/mail/${encodeURIComponent(account.folder)}`;
  // What a user does, as a browser asks for it: the first page is a whole document (the visit);
  // after that every step is a click in the app (its RSC payload), and opening a message also
  // loads the message's body frame, whose time counts in the step's.
  type Step = (browser: Browser) => Promise<Response>;
  const visit =
    (account: LoadAccount): Step =>
    (browser) =>
      browser.request(folderPath(account));
  const listClick =
    (account: LoadAccount, query: string): Step =>
    (browser) =>
      browser.navigate(`${folderPath(account)}${query}`, inAppClick(account.folder));
  const openClick =
    (account: LoadAccount, uid: number): Step =>
    async (browser) => {
      const page = await browser.navigate(`${folderPath(account)}/${uid}`, inAppClick(account.folder, uid));
      const frame = bodyFrameOf(await page.text());
      // A message with no text part (only attachments) has no body frame.
      return page.status === 200 && frame ? browser.request(frame) : page;
    };
  const steps: [string, (account: LoadAccount) => Step][] = [
    ["folder page 1", (account) => listClick(account, "")],
    ["open a message", (account) => openClick(account, account.uids[randomInt(Math.min(50, account.uids.length))]!)],
    ["folder page 2", (account) => listClick(account, "?page=2")],
    ["open a message", (account) => openClick(account, account.uids[randomInt(account.uids.length)]!)],
    ["search", (account) => listClick(account, "?q=budget")],
  ];
  await Promise.all(
    browsers.map(async ({ browser, account }, index) => {
      // Users start spread over the first think time, not all in the same millisecond.
      await sleep(randomInt(Math.max(1, options.thinkMs)));
      for (let step = -1; performance.now() < deadline; step = step < 0 ? index % steps.length : (step + 1) % steps.length) {
        const [name, action] = step < 0 ? ["visit (whole document)", visit] : steps[step]!;
        const requestStarted = performance.now();
        try {
          const response = await action(account)(browser);
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
    users: browsers.length,
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
