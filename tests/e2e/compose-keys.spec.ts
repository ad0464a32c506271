import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { simpleParser, type ParsedMail } from "mailparser";
import { newClientContext, signIn } from "../support/browser";
import { confirmIdentity } from "../support/confirm-identity";
import { connectImap, createMailbox, type TestMailbox } from "../support/mail-server";
import { countMessages, waitForMessage } from "../support/wait-for-message";

/** Polls INBOX until a message whose body holds `token` arrives (for messages without a subject to look for). */
async function waitForBody(mailbox: TestMailbox, token: string): Promise<ParsedMail> {
  const client = await connectImap(mailbox);
  try {
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      const lock = await client.getMailboxLock("INBOX");
      try {
        const [uid] = (await client.search({ body: token }, { uid: true })) || [];
        const message = uid ? await client.fetchOne(String(uid), { source: true }, { uid: true }) : false;
        if (message && message.source) return await simpleParser(message.source);
      } finally {
        lock.release();
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    throw new Error(`no message with "${token}" arrived`);
  } finally {
    await client.logout();
  }
}

test("Enter in To turns the typed address into a chip and never sends; Ctrl+Enter sends", async ({ browser, baseURL }) => {
  const sender = createMailbox("keys");
  const recipient = createMailbox("keyed");
  const context = await newClientContext(browser, baseURL);
  const page = await context.newPage();
  await signIn(page, sender);
  await page.goto("/compose");
  // The Message editor appears once the page is interactive: typing before that would be lost.
  await expect(page.getByRole("textbox", { name: "Message" })).toBeVisible();
  const subject = `Keys ${randomBytes(3).toString("hex")}`;
  await page.getByLabel("Subject").fill(subject);
  const message = page.getByRole("textbox", { name: "Message" });
  await message.click();
  await page.keyboard.type("Sent with the keyboard.");

  // Everything is filled in, so a submit would send: Enter in To must only make the chip.
  const to = page.getByRole("combobox", { name: "To" });
  await to.fill(recipient.email);
  await to.press("Enter");
  await expect(page.getByRole("list", { name: "To recipients" }).getByRole("listitem")).toHaveCount(1);
  await expect(page.getByRole("button", { name: `Remove ${recipient.email}` })).toBeVisible();
  await expect(to).toHaveValue("");
  await expect(to).toBeFocused();
  await to.press("Enter");
  await page.waitForTimeout(4_000);
  await expect(page.getByRole("status").filter({ hasText: /Sending|Message sent/ })).toHaveCount(0);
  expect(await countMessages(recipient, "INBOX", subject)).toBe(0);

  // Ctrl+Enter in the message sends, without adding a line break to it.
  await message.click();
  await page.keyboard.press("Control+Enter");
  await expect(page.getByRole("status").filter({ hasText: "Message sent." })).toBeVisible({ timeout: 30_000 });
  const received = await waitForMessage(recipient, subject);
  expect(received.text?.trim()).toBe("Sent with the keyboard.");
  await context.close();
});

test("asks before sending an empty message or one without a subject; Send anyway sends", async ({ browser, baseURL }) => {
  const sender = createMailbox("quiet");
  const recipient = createMailbox("quieted");
  const context = await newClientContext(browser, baseURL);
  const page = await context.newPage();
  await signIn(page, sender);
  await page.goto("/compose");
  await expect(page.getByRole("textbox", { name: "Message" })).toBeVisible();
  await page.getByRole("combobox", { name: "To" }).fill(recipient.email);
  await page.getByLabel("Subject").fill("Nothing to say");
  await page.getByRole("button", { name: "Send" }).click();
  const empty = page.getByRole("alertdialog", { name: "Send an empty message?" });
  await expect(empty).toBeVisible();
  await empty.getByRole("button", { name: "Go back" }).click();
  await expect(empty).toBeHidden();

  const token = randomBytes(4).toString("hex");
  await page.getByLabel("Subject").fill("");
  await page.getByRole("textbox", { name: "Message" }).click();
  await page.keyboard.type(`No subject, body ${token}.`);
  await page.getByRole("button", { name: "Send" }).click();
  const noSubject = page.getByRole("alertdialog", { name: "Send without a subject?" });
  await expect(noSubject).toBeVisible();
  await noSubject.getByRole("button", { name: "Send anyway" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Message sent." })).toBeVisible({ timeout: 30_000 });
  const received = await waitForBody(recipient, token);
  expect(received.subject ?? "").toBe("");
  expect(received.text).toContain(`No subject, body ${token}.`);
  await context.close();
});

async function addIdentity(page: Page, email: string, name: string, signature: string) {
  await page.goto("/settings/identities");
  await page.getByRole("button", { name: "Add an identity" }).click();
  const form = page.getByRole("form", { name: "New identity" });
  await form.getByLabel("Email address").fill(email);
  await form.getByLabel("Display name").fill(name);
  await form.getByRole("textbox", { name: "Signature" }).click();
  await page.keyboard.type(signature);
  await form.getByRole("button", { name: "Add identity" }).click();
  // The first signature saved loads the sanitiser (jsdom) on the server.
  await expect(page.getByRole("list", { name: "Identities" }).getByRole("listitem", { name: `${name} <${email}>` })).toBeVisible({ timeout: 45_000 });
}

test("changing From swaps in that identity's signature while the old one is untouched", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const me = createMailbox("swap");
  // Real mailboxes: each identity is confirmed with the code mailed to it.
  const supportBox = createMailbox("support");
  const salesBox = createMailbox("sales");
  const [support, sales] = [supportBox.email, salesBox.email];
  const context = await newClientContext(browser, baseURL);
  const page = await context.newPage();
  await signIn(page, me);
  await addIdentity(page, support, "Support", "Support desk, ext. 100");
  await confirmIdentity(page, supportBox);
  await addIdentity(page, sales, "Sales", "Sales team, ext. 200");
  await confirmIdentity(page, salesBox);

  await page.goto("/compose");
  await expect(page.getByRole("textbox", { name: "Message" })).toBeVisible();
  const from = page.getByLabel("From");
  const message = page.getByRole("textbox", { name: "Message" });
  await expect(from).toHaveValue(me.email);
  await expect(message).not.toContainText("--");

  // From an identity without a signature, an untouched message gets the new one.
  await from.selectOption(support);
  await expect(message).toContainText("Support desk, ext. 100");
  // An untouched signature is swapped for the next identity's, with what was written above it kept.
  await message.click();
  await page.keyboard.press("Control+Home");
  await page.keyboard.type("Hello there");
  await from.selectOption(sales);
  await expect(message).toContainText("Sales team, ext. 200");
  await expect(message).not.toContainText("Support desk");
  await expect(message).toContainText("Hello there");

  // Once the writer edits the signature, it stays as they left it.
  await message.click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(" (mornings)");
  await from.selectOption(support);
  await expect(from).toHaveValue(support);
  await expect(message).toContainText("Sales team, ext. 200 (mornings)");
  await expect(message).not.toContainText("Support desk");
  await context.close();
});
