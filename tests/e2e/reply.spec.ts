import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { newClientContext, signIn } from "../support/browser";
import { connectImap, createMailbox } from "../support/mail-server";
import { waitForMessage } from "../support/wait-for-message";

test("reply quotes the original, threads with In-Reply-To/References and marks the original \\Answered", async ({ browser, baseURL }) => {
  const me = createMailbox("replier");
  const asker = createMailbox("asker");
  const topic = `Budget question ${randomBytes(3).toString("hex")}`;
  const originalId = `<${randomBytes(8).toString("hex")}@mailroom.test>`;
  const client = await connectImap(me);
  let uid: number;
  try {
    const raw = [
      `From: Asker Person <${asker.email}>`,
      `To: ${me.email}`,
      `Subject: ${topic}`,
      `Date: ${new Date().toUTCString()}`,
      `Message-ID: ${originalId}`,
      "References: <root@mailroom.test>",
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=utf-8",
      "",
      "Can we afford the new printer?",
      "",
    ].join("\r\n");
    const appended = await client.append("INBOX", raw, []);
    uid = appended ? (appended.uid ?? 0) : 0;
  } finally {
    await client.logout();
  }
  expect(uid).toBeGreaterThan(0);

  const context = await newClientContext(browser, baseURL);
  const page = await context.newPage();
  await signIn(page, me);
  // As a reader would: open the message, then its Reply button.
  await page.goto(`/mail/INBOX/${uid}`);
  await page.getByRole("article", { name: topic }).getByRole("link", { name: "Reply", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/compose\\?reply=INBOX%3A${uid}$`));
  await expect(page.getByRole("list", { name: "To recipients" }).getByRole("listitem")).toHaveCount(1);
  await expect(page.getByRole("button", { name: `Remove Asker Person <${asker.email}>` })).toBeVisible();
  await expect(page.getByLabel("Subject")).toHaveValue(`Re: ${topic}`);
  const message = page.getByRole("textbox", { name: "Message" });
  await expect(message.locator("blockquote")).toContainText("Can we afford the new printer?");
  // The quote looks like one in the editor too (a rule at its side), not like the reply's own text.
  expect(await message.locator("blockquote").evaluate((quote) => getComputedStyle(quote).borderInlineStartWidth)).not.toBe("0px");
  await expect(message).toContainText(`Asker Person <${asker.email}> wrote:`);
  await message.click();
  await page.keyboard.press("Control+Home");
  await page.keyboard.type("Yes, we can.");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Message sent." })).toBeVisible({ timeout: 30_000 });

  const reply = await waitForMessage(asker, `Re: ${topic}`);
  expect(reply.inReplyTo).toBe(originalId);
  expect(reply.references).toEqual(["<root@mailroom.test>", originalId]);
  expect(reply.text).toMatch(/^Yes, we can\./);
  expect(reply.text).toContain("> Can we afford the new printer?");
  expect(reply.html).toContain("<blockquote>");

  const check = await connectImap(me);
  try {
    const lock = await check.getMailboxLock("INBOX");
    try {
      const original = await check.fetchOne(String(uid), { flags: true }, { uid: true });
      expect(original && original.flags?.has("\\Answered")).toBe(true);
    } finally {
      lock.release();
    }
  } finally {
    await check.logout();
  }
  await context.close();
});
