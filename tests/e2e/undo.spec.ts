import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { newClientContext, signIn } from "../support/browser";
import { createMailbox } from "../support/mail-server";
import { countMessages, waitForMessage } from "../support/wait-for-message";

test("Undo during the send delay brings the message back and nothing is delivered", async ({ browser, baseURL }) => {
  const sender = createMailbox("undo");
  const recipient = createMailbox("undone");
  const context = await newClientContext(browser, baseURL);
  const page = await context.newPage();
  await signIn(page, sender);
  await page.goto("/compose");
  // The Message editor appears once the page is interactive: typing before that would be lost.
  await expect(page.getByRole("textbox", { name: "Message" })).toBeVisible();
  const subject = `Oops ${randomBytes(3).toString("hex")}`;
  await page.getByRole("combobox", { name: "To" }).fill(recipient.email);
  await page.getByLabel("Subject").fill(subject);
  await page.getByRole("textbox", { name: "Message" }).click();
  await page.keyboard.type("I should not send this yet.");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Sending…" })).toBeVisible();
  await page.getByRole("button", { name: "Undo", exact: true }).click();

  await expect(page.getByRole("button", { name: "Undo", exact: true })).toBeHidden();
  await expect(page.getByRole("textbox", { name: "Message" })).toHaveText("I should not send this yet.");
  await expect(page.getByRole("button", { name: "Send" })).toBeEnabled();
  await page.waitForTimeout(8_000);
  expect(await countMessages(recipient, "INBOX", subject)).toBe(0);
  expect(await countMessages(sender, "Drafts", subject)).toBe(1);
  await context.close();
});

test("a reload during the send delay loses nothing: the server's countdown continues and the message goes out once", async ({ browser, baseURL }) => {
  const sender = createMailbox("reload");
  const recipient = createMailbox("reloaded");
  const context = await newClientContext(browser, baseURL);
  const page = await context.newPage();
  await signIn(page, sender);
  await page.goto("/compose");
  await expect(page.getByRole("textbox", { name: "Message" })).toBeVisible();
  const subject = `Interrupted ${randomBytes(3).toString("hex")}`;
  await page.getByRole("combobox", { name: "To" }).fill(recipient.email);
  await page.getByLabel("Subject").fill(subject);
  await page.getByRole("textbox", { name: "Message" }).click();
  await page.keyboard.type("Still here after a reload.");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByRole("button", { name: "Undo", exact: true })).toBeVisible();
  await page.reload();

  // The reloaded composer shows the same draft, still counting down to the server's due time.
  await expect(page.getByLabel("Subject")).toHaveValue(subject);
  await expect(page.getByRole("textbox", { name: "Message" })).toHaveText("Still here after a reload.");
  await expect(page.getByRole("status").filter({ hasText: "Message sent." })).toBeVisible({ timeout: 30_000 });
  expect((await waitForMessage(recipient, subject)).text).toContain("Still here after a reload.");
  expect(await countMessages(sender, "Drafts", subject)).toBe(0);
  expect(await countMessages(recipient, "INBOX", subject)).toBe(1);
  await context.close();
});
