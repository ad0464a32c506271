import { readFileSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { Client } from "pg";
import { startApp, testAppEnv, type AppServer } from "../support/app-server";
import { fillSignIn, newClientContext, randomClientAddress, signIn } from "../support/browser";
import { csrf, postSignIn, randomLoopbackAddress } from "../support/http-client";
import { createMailbox, mailServer } from "../support/mail-server";
import { SHARED_POSTGRES_URL } from "../support/shared-postgres";

// Two app instances behind an imaginary load balancer, sharing one PostgreSQL database. The test
// runner on 127.0.0.1 plays the trusted reverse proxy (its X-Forwarded-For names the client);
// anything connecting from another loopback address is a client talking to Mailroom directly.
let first: AppServer;
let second: AppServer;
const TRUSTED_PROXY = "127.0.0.1";
const MAX_FAILURES_PER_CLIENT = 20;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const env = testAppEnv({ DATABASE_URL: SHARED_POSTGRES_URL, MAILROOM_TRUSTED_PROXIES: TRUSTED_PROXY });
  [first, second] = await Promise.all([startApp(env), startApp(env)]);
});
test.afterAll(async () => {
  await Promise.all([first?.stop(), second?.stop()]);
});

test("the sign-in rate limit is shared by two instances on one PostgreSQL", async ({ browser }) => {
  const mailbox = createMailbox("e2e-shared-lock");
  const onFirst = await (await newClientContext(browser, first.url)).newPage();
  const onSecond = await (await newClientContext(browser, second.url)).newPage();
  const wrong = (page: typeof onFirst) => page.getByRole("alert").filter({ hasText: "Wrong email address or password." });
  const locked = (page: typeof onFirst) => page.getByRole("alert").filter({ hasText: "Too many failed sign-in attempts" });

  // Each attempt from another client address, so only the per-address count can lock.
  const attempt = async (page: typeof onFirst, password: string) => {
    await page.setExtraHTTPHeaders({ "x-forwarded-for": randomClientAddress() });
    await fillSignIn(page, mailbox.email, password);
  };

  // Failures alternate between the instances: neither sees five on its own.
  for (const [number, page] of [onFirst, onSecond, onFirst, onSecond].entries()) {
    await attempt(page, `wrong-${number}`);
    await expect(wrong(page)).toBeVisible();
  }
  await attempt(onFirst, "wrong-5");
  await expect(locked(onFirst)).toBeVisible();
  // The other instance refuses too, even the right password.
  await attempt(onSecond, mailbox.password);
  await expect(locked(onSecond)).toBeVisible();
  await expect(onSecond.getByRole("button", { name: "Sign out" })).toHaveCount(0);
});

test("a session made on one instance is honoured and ended on the other", async ({ browser }) => {
  const mailbox = createMailbox("e2e-shared-session");
  const context = await newClientContext(browser, first.url);
  const page = await context.newPage();
  await signIn(page, mailbox);
  const cookies = await context.cookies();

  const elsewhere = await newClientContext(browser, second.url);
  await elsewhere.addCookies(cookies.map((cookie) => ({ ...cookie, domain: "127.0.0.1" })));
  const elsewherePage = await elsewhere.newPage();
  await elsewherePage.goto("/mail/INBOX");
  await expect(elsewherePage.getByRole("banner")).toContainText(mailbox.email);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await elsewherePage.goto("/mail/INBOX");
  await expect(elsewherePage).toHaveURL(/\/sign-in/);
});

test("after a sign-in, no table holds the password in plaintext", async ({ browser }) => {
  const mailbox = createMailbox("e2e-no-plaintext");
  const page = await (await newClientContext(browser, first.url)).newPage();
  await signIn(page, mailbox);

  const db = new Client({ connectionString: SHARED_POSTGRES_URL });
  await db.connect();
  try {
    const tables = await db.query<{ table_name: string }>("select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'");
    expect(tables.rows.map((row) => row.table_name)).toEqual(expect.arrayContaining(["users", "sessions", "rate_limits"]));
    const sessions = await db.query("select s.* from sessions s join users u on u.id = s.user_id where u.email = $1", [mailbox.email]);
    expect(sessions.rowCount).toBe(1);
    for (const { table_name } of tables.rows) {
      const rows = await db.query(`select * from "${table_name}"`);
      expect(JSON.stringify(rows.rows), `table ${table_name}`).not.toContain(mailbox.password);
    }
  } finally {
    await db.end();
  }
});

/** How many IMAP logins Dovecot saw for user names starting with `prefix` (its auth log names each failed one). */
function imapLoginsFor(prefix: string): number {
  const log = readFileSync(path.join(process.cwd(), ".mail-server/dovecot.log"), "utf8");
  return log.split("\n").filter((line) => line.includes(`passwd-file(${prefix}`)).length;
}

test("1,000 sign-ins with invented X-Forwarded-For values, spread over both instances, stay within one client's limit", async () => {
  test.setTimeout(120_000);
  const attacker = randomLoopbackAddress();
  const prefix = `probe-${randomBytes(4).toString("hex")}-`;
  const instances = [first, second];
  const tokens = await Promise.all(instances.map((app) => csrf(app.url, { localAddress: attacker })));
  const started = Date.now();
  const codes: string[] = [];
  const TOTAL = 1_000;
  const CONCURRENCY = 20;
  for (let batch = 0; batch < TOTAL; batch += CONCURRENCY) {
    const answers = await Promise.all(
      Array.from({ length: CONCURRENCY }, (_, offset) => {
        const n = batch + offset;
        const which = n % 2;
        return postSignIn(instances[which]!.url, { email: `${prefix}${n}@${mailServer().domain}`, password: "guess" }, tokens[which]!, {
          localAddress: attacker,
          // Invented addresses, and an attempt to pass as the trusted proxy's socket.
          headers: { "x-forwarded-for": randomClientAddress(), "x-real-ip": randomClientAddress(), "x-mailroom-socket-address": TRUSTED_PROXY },
        });
      }),
    );
    codes.push(...answers.map((answer) => (answer.refusal ?? "signed-in").split(":")[0]!));
  }
  expect(Date.now() - started).toBeLessThan(60_000);
  expect(codes).toHaveLength(TOTAL);
  expect(codes).not.toContain("signed-in");
  expect(codes.filter((code) => code === "locked").length).toBeGreaterThanOrEqual(TOTAL - MAX_FAILURES_PER_CLIENT);
  await new Promise((resolve) => setTimeout(resolve, 500));
  const logins = imapLoginsFor(prefix);
  expect(logins).toBeGreaterThan(0);
  expect(logins).toBeLessThanOrEqual(MAX_FAILURES_PER_CLIENT);

  // The attacker's own (socket) address is locked, whatever it claims to be...
  const victim = createMailbox("e2e-after-spray");
  const fromAttacker = await postSignIn(first.url, victim, tokens[0]!, { localAddress: attacker, headers: { "x-forwarded-for": randomClientAddress() } });
  expect(fromAttacker.refusal).toMatch(/^locked:/);
  // ...while a user behind the trusted proxy signs in on either instance.
  for (const app of instances) {
    const legitimate = await postSignIn(app.url, victim, await csrf(app.url), { headers: { "x-forwarded-for": randomClientAddress() } });
    expect(legitimate.refusal).toBeUndefined();
    expect(Object.keys(legitimate.cookies ?? {}).some((name) => name.endsWith("authjs.session-token"))).toBe(true);
  }
});
