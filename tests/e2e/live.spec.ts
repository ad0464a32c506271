import { expect, test } from "@playwright/test";
import { newClientContext, signIn } from "../support/browser";
import { appendMessage, createMailbox } from "../support/mail-server";

test("new mail appears without a reload; the Inbox unread count and the tab title follow", async ({ browser, baseURL }) => {
  const mailbox = createMailbox("liveui");
  await appendMessage(mailbox, { subject: "Already here" });
  const context = await newClientContext(browser, baseURL);
  const page = await context.newPage();
  try {
    await signIn(page, mailbox);
    await page.goto("/mail/INBOX");
    const messages = page.getByRole("list", { name: "Messages" });
    await expect(messages.getByRole("link")).toHaveCount(1);
    await expect(page).toHaveTitle("(1) Inbox · Mailroom");
    const inbox = page.getByRole("navigation", { name: "Folders" }).getByRole("link", { name: /^Inbox/ });
    await expect(inbox).toHaveAccessibleName("Inbox 1 unread");
    await expect(page.getByRole("button", { name: "Enable desktop notifications" })).toBeVisible();

    // Proves no reload happens: a value on window survives only within the same document.
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));
    await expect(page.getByRole("status").filter({ hasText: "Live updates on" })).toBeVisible();
    await appendMessage(mailbox, { subject: "Fresh off the wire", from: "Live Sender <live@example.org>" });

    await expect(messages.getByRole("link", { name: /Unread, from Live Sender, Fresh off the wire/ })).toBeVisible();
    await expect(inbox).toHaveAccessibleName("Inbox 2 unread");
    await expect(page).toHaveTitle("(2) Inbox · Mailroom");
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
  } finally {
    await context.close();
  }
});

test("the event stream refuses requests without a session", async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL });
  try {
    const response = await request.get("/api/events?folder=INBOX");
    expect(response.status()).toBe(401);
  } finally {
    await request.dispose();
  }
});
