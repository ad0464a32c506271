/**
 * `npm run bench`: Mailroom's performance figures, measured on this machine against the local
 * Dovecot (scripts/mail-server.sh) with a 100,000-message folder. It prints figures and targets;
 * it asserts nothing (tests check behaviour, not timings). Every loop is bounded and every request
 * goes to 127.0.0.1.
 *
 *   npm run bench                # library-level figures
 *   npm run bench -- --http      # plus page loads through a production build (`npx next build` first)
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import type { ImapFlow } from "imapflow";
import { simpleParser } from "mailparser";
import { openImapConnection, type ImapServer } from "../lib/mail/imap/connect";
import { ImapPool } from "../lib/mail/imap/pool";
import { listMessagePage } from "../lib/mail/imap/message-list";
import { sanitizeMessageHtml } from "../lib/mail/sanitize/html";
import { searchMessagePage } from "../lib/mail/imap/search";
import { listConversationPage } from "../lib/mail/imap/threads";
import { defaultMailboxOptions, generateMessage } from "./seed/generate-message";
import { mailServer } from "../tests/support/mail-server";
import { startApp, testAppEnv } from "../tests/support/app-server";

const BENCH = { email: "bench@mailroom.test", password: "bench-password-mailroom" };
const FOLDER = "Large";
const SIZE = 100_000;
const PAGE_SIZE = 50;

interface Figure {
  what: string;
  samples: number[];
  target?: number;
  unit?: string;
}
const figures: Figure[] = [];

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function measure(what: string, runs: number, task: () => Promise<unknown>, target?: number): Promise<void> {
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    await task();
    samples.push(performance.now() - started);
  }
  figures.push({ what, samples, target });
  const last = figures[figures.length - 1]!;
  console.log(`  ${what.padEnd(58)} p50 ${fmt(percentile(samples, 50))}  p95 ${fmt(percentile(samples, 95))}${target ? `  (target p95 < ${target} ms)` : ""}`);
  return void last;
}

function fmt(ms: number): string {
  return `${ms.toFixed(1).padStart(8)} ms`;
}

function server(): ImapServer {
  const { imapHost, imapPort, caFile } = mailServer();
  return { host: imapHost, port: imapPort, security: "tls", ca: readFileSync(caFile, "utf8") };
}

async function ensureBenchMailbox() {
  execFileSync("bash", ["scripts/mail-server.sh", "add-user", BENCH.email, BENCH.password], { stdio: "pipe" });
  const client = await openImapConnection(server(), { user: BENCH.email, password: BENCH.password });
  const messages = await client.status(FOLDER, { messages: true }).then(
    (status) => (status ? (status.messages ?? 0) : 0),
    () => 0,
  );
  await client.logout();
  if (messages >= SIZE) return;
  console.log(`seeding ${SIZE.toLocaleString("en")} messages into ${BENCH.email}/${FOLDER} …`);
  const started = performance.now();
  execFileSync("npx", ["tsx", "scripts/seed-mailbox.ts", "--user", BENCH.email, "--count", String(SIZE), "--seed", "11", "--folder", FOLDER], {
    stdio: "inherit",
    timeout: 900_000,
  });
  console.log(`seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

async function imapFigures() {
  console.log(`\nIMAP, through the session pool (${FOLDER}: ${SIZE.toLocaleString("en")} messages, ${PAGE_SIZE} a page)`);
  await measure("sign-in: TLS connect + LOGIN", 10, async () => {
    const client = await openImapConnection(server(), { user: BENCH.email, password: BENCH.password });
    await client.logout();
  });
  const pool = new ImapPool({ server: server(), idleTimeoutMs: 60_000, maxConnections: 4 });
  const run = <T>(task: (client: ImapFlow) => Promise<T>) => pool.run("bench", { user: BENCH.email, password: BENCH.password }, task);
  try {
    await run(async (client) => client.noop());
    await measure("pooled request (NOOP on the session's connection)", 50, () => run((client) => client.noop()), 5);
    const lastPage = Math.ceil(SIZE / PAGE_SIZE) - 1;
    for (const page of [0, 1_000, lastPage]) {
      await measure(`list page ${page + 1}, arrival order`, 10, () => run((c) => listMessagePage(c, FOLDER, { page, pageSize: PAGE_SIZE, sort: "date" })), 150);
    }
    await measure("list page 1, sorted by subject (first run warms SORT)", 1, () => run((c) => listMessagePage(c, FOLDER, { page: 0, pageSize: PAGE_SIZE, sort: "subject" })));
    for (const page of [0, 1_000]) {
      await measure(`list page ${page + 1}, sorted by subject`, 5, () => run((c) => listMessagePage(c, FOLDER, { page, pageSize: PAGE_SIZE, sort: "subject" })), 500);
    }
    await measure("conversations page 1 (first run: THREAD)", 1, () => run((c) => listConversationPage(c, FOLDER, { page: 0, pageSize: PAGE_SIZE })));
    await measure("conversations page 1 (cached thread index)", 5, () => run((c) => listConversationPage(c, FOLDER, { page: 0, pageSize: PAGE_SIZE })), 200);
    const query = { text: "budget", from: "", to: "", subject: "", hasAttachment: false, unread: false, starred: false, since: "", before: "", allFolders: false };
    await measure('search "budget" (From/To/Subject/body), page 1', 3, () => run((c) => searchMessagePage(c, FOLDER, query, { page: 0, pageSize: PAGE_SIZE, sort: "date" })));
  } finally {
    await pool.closeAll();
  }
}

async function sanitizerFigures() {
  console.log("\nParsing and sanitising (generated HTML mail)");
  const options = defaultMailboxOptions({ user: { name: "Bench", address: BENCH.email }, count: 400, seed: 5 });
  const parsed = [];
  for (let index = 0; index < 400; index++) parsed.push(await simpleParser(generateMessage(index, options).raw));
  const html = parsed.map((message) => (typeof message.html === "string" ? message.html : "")).filter(Boolean);
  let next = 0;
  await measure(`mailparser: parse one message (${parsed.length} generated)`, 200, async () => {
    await simpleParser(generateMessage(next++ % 400, options).raw);
  });
  next = 0;
  await measure(
    `sanitise one HTML body (${html.length} bodies, remote blocked)`,
    400,
    async () => {
      sanitizeMessageHtml(html[next++ % html.length]!, { allowRemote: false });
    },
    10,
  );
}

async function httpFigures() {
  console.log("\nPages over HTTP (production build, one signed-in session, sequential requests)");
  const app = await startApp(testAppEnv({ MAILROOM_ALLOWED_DOMAINS: "" }));
  try {
    const jar = new Map<string, string>();
    const cookieHeader = () => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
    const remember = (response: Response) => {
      for (const line of response.headers.getSetCookie()) {
        const [pair] = line.split(";");
        const [name, ...value] = pair!.split("=");
        jar.set(name!.trim(), value.join("="));
      }
    };
    const csrf = await fetch(`${app.url}/api/auth/csrf`);
    remember(csrf);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const signedIn = await fetch(`${app.url}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader() },
      body: new URLSearchParams({ csrfToken, email: BENCH.email, password: BENCH.password, callbackUrl: "/" }),
    });
    remember(signedIn);
    if (![...jar.keys()].some((name) => name.endsWith("authjs.session-token"))) throw new Error("bench could not sign in over HTTP");
    const get = async (path: string) => {
      const response = await fetch(`${app.url}${path}`, { headers: { cookie: cookieHeader() } });
      await response.text();
      if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    };
    await get(`/mail/${FOLDER}`);
    await measure(`GET /mail/${FOLDER} (page 1, server-rendered)`, 20, () => get(`/mail/${FOLDER}`), 300);
    await measure(`GET /mail/${FOLDER}?page=1001`, 20, () => get(`/mail/${FOLDER}?page=1001`), 300);
  } finally {
    await app.stop();
  }
}

async function main() {
  console.log(`Mailroom benchmark — ${new Date().toISOString()} — node ${process.version}`);
  await ensureBenchMailbox();
  await imapFigures();
  await sanitizerFigures();
  if (process.argv.includes("--http")) await httpFigures();
  const over = figures.filter((figure) => figure.target && percentile(figure.samples, 95) > figure.target);
  console.log(`\n${figures.length} figures; ${over.length ? `over target: ${over.map((f) => f.what).join("; ")}` : "all within their targets"}`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
