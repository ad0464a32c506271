import { expect, test } from "@playwright/test";
import { Client } from "pg";
import { startApp, testAppEnv, type AppServer } from "../support/app-server";
import { fillSignIn, newClientContext, randomClientAddress, signIn } from "../support/browser";
import { createMailbox } from "../support/mail-server";
import { SHARED_POSTGRES_URL } from "../support/shared-postgres";

// Two app instances behind an imaginary load balancer, sharing one PostgreSQL database.
let first: AppServer;
let second: AppServer;

test.beforeAll(async () => {
  [first, second] = await Promise.all([
    startApp(testAppEnv({ DATABASE_URL: SHARED_POSTGRES_URL })),
    startApp(testAppEnv({ DATABASE_URL: SHARED_POSTGRES_URL })),
  ]);
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
    const tables = await db.query<{ table_name: string }>(
      "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'",
    );
    expect(tables.rows.map((row) => row.table_name)).toEqual(expect.arrayContaining(["users", "sessions", "sign_in_failures"]));
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
