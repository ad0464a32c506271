import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { newClientContext, signIn } from "../support/browser";
import { connectImap, createMailbox, type TestMailbox } from "../support/mail-server";

async function put(mailbox: TestMailbox, folder: string, subject: string, from: string, body: string, flags: string[] = []) {
  const client = await connectImap(mailbox);
  try {
    if (folder !== "INBOX") await client.mailboxCreate(folder).catch(() => undefined);
    const raw = [
      `From: ${from}`,
      `To: ${mailbox.email}`,
      `Subject: ${subject}`,
      `Date: ${new Date().toUTCString()}`,
      `Message-ID: <${randomBytes(8).toString("hex")}@example.org>`,
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=utf-8",
      "",
      body,
      "",
    ].join("\r\n");
    await client.append(folder, raw, flags);
  } finally {
    await client.logout();
  }
}

test("search the folder by text and filters, then all folders with results per folder", async ({ browser, baseURL }) => {
  const mailbox = createMailbox("searchui");
  await put(mailbox, "INBOX", "Lunch plans", "Dana <dana@example.org>", "Pizza at noon?");
  await put(mailbox, "INBOX", "Invoice 4711", "Billing <billing@acme.example>", "Please pay.", ["\\Seen"]);
  await put(mailbox, "INBOX", "Pizza recipe", "Chef <chef@example.org>", "Dough first.", ["\\Seen", "\\Flagged"]);
  await put(mailbox, "Archive", "Old pizza party", "Dana <dana@example.org>", "Photos attached.", ["\\Seen"]);
  const context = await newClientContext(browser, baseURL);
  const page = await context.newPage();
  try {
    await signIn(page, mailbox);
    await page.goto("/mail/INBOX");
    const messages = page.getByRole("list", { name: "Messages" });
    await expect(messages.getByRole("link")).toHaveCount(3);

    const box = page.getByRole("search").getByRole("searchbox", { name: "Search mail" });
    await box.fill("pizza");
    await box.press("Enter");
    await expect(page).toHaveURL(/[?&]q=pizza/);
    await expect(page.getByRole("heading", { name: "Search results in Inbox" })).toBeVisible();
    await expect(messages.getByRole("link")).toHaveCount(2);
    await expect(messages.getByRole("link", { name: /Lunch plans/ })).toBeVisible();
    await expect(messages.getByRole("link", { name: /Pizza recipe/ })).toBeVisible();

    await page.getByText("Filters").click();
    await page.getByRole("checkbox", { name: "Starred" }).check();
    await box.press("Enter");
    await expect(page).toHaveURL(/starred=1/);
    await expect(messages.getByRole("link")).toHaveCount(1);
    await expect(messages.getByRole("link").first()).toHaveAccessibleName(/starred, from Chef, Pizza recipe/);
    await page.reload();
    await expect(messages.getByRole("link")).toHaveCount(1);

    await page.getByRole("checkbox", { name: "Starred" }).uncheck();
    await page.getByLabel("Search in").selectOption("all");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect(page).toHaveURL(/scope=all/);
    await expect(page.getByRole("heading", { name: "Inbox (2)" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Archive (1)" })).toBeVisible();
    await expect(page.getByRole("list", { name: "Messages in Archive" }).getByRole("link", { name: /Old pizza party, in Archive/ })).toBeVisible();

    await page.getByRole("link", { name: "Clear search" }).click();
    await expect(messages.getByRole("link")).toHaveCount(3);
  } finally {
    await context.close();
  }
});
