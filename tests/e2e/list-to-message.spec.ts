import { expect, test, type Request } from "@playwright/test";
import { newClientContext, signIn } from "../support/browser";
import { openList, rowLink } from "../support/list-page";
import { appendMessage, createMailbox } from "../support/mail-server";

// The way from the list to a message, as fast as the server allows: no skeleton in between (React
// would then hold the message back until 300 ms after the skeleton appeared), and no requests
// for rows the reader does not open.

test("a click keeps the list on screen, its row saying the message is loading, until the message replaces it", async ({ browser, baseURL }) => {
  const mailbox = createMailbox("opening");
  await appendMessage(mailbox, { subject: "Older letter" });
  await appendMessage(mailbox, { subject: "Slow letter" });
  const context = await newClientContext(browser, baseURL);
  const page = await context.newPage();
  try {
    await signIn(page, mailbox);
    await openList(page, "INBOX");
    // Hold the message page's server render until the list has been seen meanwhile.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let asked = 0;
    await page.route(/\/mail\/INBOX\/\d+\?/, async (route) => {
      if (route.request().headers().rsc === "1") {
        asked++;
        await held;
      }
      await route.continue();
    });
    const row = rowLink(page, "Slow letter");
    await row.click();
    await expect(row.getByRole("status")).toHaveText("Loading message");
    await expect(page.getByRole("list", { name: "Messages" })).toBeVisible();
    await expect(rowLink(page, "Older letter")).toBeVisible();
    expect(asked).toBe(1);
    release();
    await expect(page.getByRole("heading", { name: "Slow letter", level: 1 })).toBeVisible();
    await expect(page.getByRole("list", { name: "Messages" })).toHaveCount(0);
  } finally {
    await context.close();
  }
});

test("a list page asks the server for nothing about its rows or folders until one is opened", async ({ browser, baseURL }) => {
  const mailbox = createMailbox("noprefetch");
  const subjects = ["One row", "Two row", "Three row"];
  for (const subject of subjects) await appendMessage(mailbox, { subject });
  const context = await newClientContext(browser, baseURL);
  const page = await context.newPage();
  try {
    await signIn(page, mailbox);
    const prefetched: string[] = [];
    page.on("request", (request: Request) => {
      const path = new URL(request.url()).pathname;
      if (request.headers()["next-router-prefetch"] && /^\/mail\/[^/]+(\/\d+)?$/.test(path)) prefetched.push(path);
    });
    await openList(page, "INBOX");
    let rows = 0;
    for (const subject of subjects) {
      await expect(rowLink(page, subject)).toBeVisible();
      rows++;
    }
    expect(rows).toBe(subjects.length);
    await expect(page.getByRole("navigation", { name: "Folders" }).getByRole("link", { name: /^Sent/ })).toBeVisible();
    await page.waitForLoadState("networkidle");
    expect(prefetched).toEqual([]);
  } finally {
    await context.close();
  }
});
