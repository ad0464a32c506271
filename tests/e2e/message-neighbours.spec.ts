import { expect, test, type Page } from "@playwright/test";
import { newClientContext, signIn } from "../support/browser";
import { connectImap, createMailbox, type TestMailbox } from "../support/mail-server";

async function appendUnread(mailbox: TestMailbox, subjects: string[]): Promise<number[]> {
  const client = await connectImap(mailbox);
  try {
    const uids: number[] = [];
    for (const subject of subjects) {
      const result = await client.append("INBOX", `From: Neighbour <neighbour@example.org>\r\nTo: ${mailbox.email}\r\nSubject: ${subject}\r\n\r\nBody of ${subject}.\r\n`, []);
      if (!result || !result.uid) throw new Error("APPEND returned no UID");
      uids.push(result.uid);
    }
    return uids;
  } finally {
    await client.logout();
  }
}

async function seenUids(mailbox: TestMailbox): Promise<number[]> {
  const client = await connectImap(mailbox);
  try {
    await client.mailboxOpen("INBOX");
    const seen = await client.search({ seen: true }, { uid: true });
    return Array.isArray(seen) ? seen.sort((a, b) => a - b) : [];
  } finally {
    await client.logout();
  }
}

/**
 * The whole server render of a message page fetched by the router (an RSC request), not a
 * partial prefetch of a link (marked Next-Router-Prefetch).
 * Waited for before any key is pressed, so it can only be the open message's prefetch of it.
 */
function fullRenderOf(page: Page, uid: number) {
  return page.waitForResponse((response) => {
    const request = response.request();
    const headers = request.headers();
    return new URL(request.url()).pathname === `/mail/INBOX/${uid}` && headers.rsc === "1" && headers["next-router-prefetch"] === undefined;
  });
}

test("in an open message j and k open the next and previous message of the list, both prefetched and neither marked read by it", async ({ browser, baseURL }) => {
  // Newest first in the list: Fourth, Third, Second, First.
  const mailbox = createMailbox("neighbours");
  const [first, second, third, fourth] = await appendUnread(mailbox, ["First neighbour", "Second neighbour", "Third neighbour", "Fourth neighbour"]);
  const context = await newClientContext(browser, baseURL);
  const page = await context.newPage();
  await signIn(page, mailbox);
  const messages = page.getByRole("list", { name: "Messages" });
  await expect(messages.getByRole("link")).toHaveCount(4);

  // Opening Third prefetches its neighbours in the list (Fourth above, Second below), and only it is marked read.
  const [below, above] = [fullRenderOf(page, second!), fullRenderOf(page, fourth!)];
  await messages.getByRole("link", { name: /Third neighbour/ }).click();
  await expect(page.getByRole("article", { name: "Third neighbour" })).toBeVisible();
  await Promise.all([below, above]);
  await expect.poll(() => seenUids(mailbox)).toEqual([third]);

  await page.keyboard.press("j");
  await expect(page).toHaveURL(new RegExp(`/mail/INBOX/${second}\\?`));
  await expect(page.getByRole("article", { name: "Second neighbour" })).toBeVisible();
  await page.keyboard.press("j");
  await expect(page.getByRole("article", { name: "First neighbour" })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/mail/INBOX/${first}\\?`));
  await page.keyboard.press("k");
  await expect(page.getByRole("article", { name: "Second neighbour" })).toBeVisible();
  await page.keyboard.press("k");
  await expect(page.getByRole("article", { name: "Third neighbour" })).toBeVisible();
  await page.keyboard.press("k");
  await expect(page.getByRole("article", { name: "Fourth neighbour" })).toBeVisible();
  await context.close();
});

test("the neighbours are prefetched, and the message marked read, only once its body has loaded: neither competes with the body the reader waits for", async ({
  browser,
  baseURL,
}) => {
  const mailbox = createMailbox("neighbours-wait");
  const client = await connectImap(mailbox);
  const uids: number[] = [];
  try {
    for (const subject of ["Early neighbour", "Middle neighbour", "Late neighbour"]) {
      const html = `<p>The body of <b>${subject}</b>.</p>`;
      const result = await client.append(
        "INBOX",
        `From: Neighbour <neighbour@example.org>\r\nTo: ${mailbox.email}\r\nSubject: ${subject}\r\nContent-Type: text/html; charset=utf-8\r\n\r\n${html}\r\n`,
        [],
      );
      if (!result || !result.uid) throw new Error("APPEND returned no UID");
      uids.push(result.uid);
    }
  } finally {
    await client.logout();
  }
  const [early, middle, late] = uids;
  const context = await newClientContext(browser, baseURL);
  const page = await context.newPage();
  await signIn(page, mailbox);
  const messages = page.getByRole("list", { name: "Messages" });
  await expect(messages.getByRole("link")).toHaveCount(3);

  // The middle message's body frame is held until released.
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let frameAsked!: () => void;
  const frameRequested = new Promise<void>((resolve) => (frameAsked = resolve));
  await page.route(new RegExp(`/api/messages/INBOX/${middle}/body\\?`), async (route) => {
    frameAsked();
    await released;
    await route.continue();
  });
  const prefetched: string[] = [];
  page.on("request", (request) => {
    const headers = request.headers();
    const path = new URL(request.url()).pathname;
    if (headers.rsc === "1" && headers["next-router-prefetch"] === undefined && [`/mail/INBOX/${early}`, `/mail/INBOX/${late}`].includes(path)) prefetched.push(path);
  });

  await messages.getByRole("link", { name: /Middle neighbour/ }).click();
  await expect(page.getByRole("article", { name: "Middle neighbour" })).toBeVisible();
  await frameRequested;
  // Before, both neighbours were asked for, and the message marked read, as the message appeared.
  await page.waitForTimeout(500);
  expect(prefetched).toEqual([]);
  expect(await seenUids(mailbox)).toEqual([]);

  release();
  await expect(page.frameLocator("article iframe").getByText("Middle neighbour")).toBeVisible();
  await expect.poll(() => [...prefetched].sort()).toEqual([`/mail/INBOX/${early}`, `/mail/INBOX/${late}`].sort());
  await expect.poll(() => seenUids(mailbox)).toEqual([middle]);
  await context.close();
});
