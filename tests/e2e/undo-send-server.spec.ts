import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { Client } from "pg";
import { startApp, testAppEnv, type AppServer } from "../support/app-server";
import { newClientContext, signIn } from "../support/browser";
import { createMailbox, type TestMailbox } from "../support/mail-server";
import { SHARED_POSTGRES_URL } from "../support/shared-postgres";
import { countMessages, waitForMessage } from "../support/wait-for-message";

// The undo delay lives on the server: two instances share one PostgreSQL, and either may send.
let first: AppServer;
let second: AppServer;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const env = testAppEnv({ DATABASE_URL: SHARED_POSTGRES_URL });
  [first, second] = await Promise.all([startApp(env), startApp(env)]);
});
test.afterAll(async () => {
  await Promise.all([first?.stop(), second?.stop()]);
});

/** Runs one statement on the shared database (the user exists once signed in); it must change one row. */
async function updateOneRow(sql: string, values: unknown[]) {
  const client = new Client({ connectionString: SHARED_POSTGRES_URL });
  await client.connect();
  try {
    expect((await client.query(sql, values)).rowCount).toBe(1);
  } finally {
    await client.end();
  }
}

/** Sets the user's undo delay as Settings would. */
function setUndoDelay(mailbox: TestMailbox, seconds: number) {
  return updateOneRow(
    `insert into user_settings (user_id, undo_send_seconds) select id, $2 from users where email = $1
     on conflict (user_id) do update set undo_send_seconds = excluded.undo_send_seconds`,
    [mailbox.email, seconds],
  );
}

async function writeAndSend(page: Page, to: TestMailbox, subject: string) {
  await page.goto("/compose");
  await expect(page.getByRole("textbox", { name: "Message" })).toBeVisible();
  await page.getByRole("combobox", { name: "To" }).fill(to.email);
  await page.getByLabel("Subject").fill(subject);
  await page.getByRole("textbox", { name: "Message" }).click();
  await page.keyboard.type("The server sends this.");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByRole("button", { name: "Undo", exact: true })).toBeVisible();
}

test("closing the page during the undo delay: the message still goes out, once", async ({ browser }) => {
  const sender = createMailbox("closed");
  const recipient = createMailbox("closedrcpt");
  const context = await newClientContext(browser, first.url);
  const page = await context.newPage();
  await signIn(page, sender);
  await setUndoDelay(sender, 6);
  const subject = `Tab closed ${randomBytes(3).toString("hex")}`;
  await writeAndSend(page, recipient, subject);
  await page.close();

  expect((await waitForMessage(recipient, subject, "INBOX", 30_000)).text).toContain("The server sends this.");
  expect(await countMessages(sender, "Drafts", subject)).toBe(0);
  expect(await countMessages(sender, "Sent", subject)).toBe(1);
  expect(await countMessages(recipient, "INBOX", subject)).toBe(1);
  await context.close();
});

test("Undo from a second tab on the other instance cancels the send; the first tab learns it", async ({ browser }) => {
  const sender = createMailbox("twotabs");
  const recipient = createMailbox("twotabsrcpt");
  const context = await newClientContext(browser, first.url);
  const writing = await context.newPage();
  await signIn(writing, sender);
  await setUndoDelay(sender, 12);
  const subject = `Second thoughts ${randomBytes(3).toString("hex")}`;
  await writeAndSend(writing, recipient, subject);

  // Same browser, another tab, the other instance (cookies are per host, not per port).
  const other = await context.newPage();
  await other.goto(`${second.url}/mail`);
  const outbox = other.getByRole("region", { name: "Outbox" });
  await expect(outbox).toContainText(`Sending “${subject}”…`);
  await outbox.getByRole("button", { name: `Undo sending “${subject}”` }).click();
  await expect(other.getByRole("region", { name: "Outbox" })).toBeHidden();

  // At the end of its countdown the first tab asks the server, and hears that it was undone.
  await expect(writing.getByRole("alert").filter({ hasText: "Sending was undone in another window." })).toBeVisible({ timeout: 30_000 });
  await expect(writing.getByRole("textbox", { name: "Message" })).toHaveText("The server sends this.");
  await expect(writing.getByRole("button", { name: "Send" })).toBeEnabled();
  expect(await countMessages(recipient, "INBOX", subject)).toBe(0);
  expect(await countMessages(sender, "Drafts", subject)).toBe(1);
  await context.close();
});

test("a send that fails after its page was closed is shown beside the folders, with its draft", async ({ browser }) => {
  const sender = createMailbox("failed");
  const recipient = createMailbox("failedrcpt");
  const context = await newClientContext(browser, first.url);
  const page = await context.newPage();
  await signIn(page, sender);
  await setUndoDelay(sender, 3);
  // The user's own relay is on a loopback address nobody allowed: the send fails when it is due.
  await updateOneRow(`insert into smtp_relays (user_id, use_company_relay, host, port, security) select id, false, '127.0.0.1', 9, 'starttls' from users where email = $1`, [
    sender.email,
  ]);
  const subject = `Not delivered ${randomBytes(3).toString("hex")}`;
  await writeAndSend(page, recipient, subject);
  await page.close();

  const later = await context.newPage();
  const notice = later.getByRole("region", { name: "Outbox" }).getByRole("alert");
  await expect(async () => {
    await later.goto(`${second.url}/mail`);
    await expect(notice).toContainText(`“${subject}” was not sent.`, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(notice).toContainText("saved in Drafts");
  expect(await countMessages(sender, "Drafts", subject)).toBe(1);
  await notice.getByRole("link", { name: "Open draft" }).click();
  await expect(later.getByLabel("Subject")).toHaveValue(subject);
  await context.close();
});
