import { expect, test } from "@playwright/test";
import { newClientContext, signIn } from "../support/browser";
import { hostileMessages } from "../support/hostile-messages";
import { connectImap, createMailbox } from "../support/mail-server";

// A stalled server (issue 9) answered after 3.6 to 100 seconds. The request thread is now held to
// 100 ms of event-loop lag by tests/integration/hostile-messages.test.ts (every open, the folder's
// list, conversation view). What /api/health waits for here is mostly the machine: measured on a
// quiet one, the same messages opened over HTTP with no browser beside the server kept every health
// answer within 70 ms (median 11; `npm run bench -- --hostile` measures all 17 hostile messages),
// while in this spec Chromium laying out 15,000 nested elements on the same two cores made it
// 183-269 ms; on the shared CI machine (load 10 to 17, two specs at once) 0.7 to 3.0 s. So this
// bound guards against real stalls, not the issue's 100 ms.
const MAX_HEALTH_MS = 1_500;

test("hostile messages open in the app while /api/health keeps answering quickly", async ({ browser, baseURL }) => {
  test.setTimeout(300_000);
  const mailbox = createMailbox("hostile-e2e");
  const wanted = ["deep-nesting", "huge-flat-html-5mb", "a-dot-line-8bit", "thousands-of-parts"];
  const uids = new Map<string, number>();
  const client = await connectImap(mailbox);
  try {
    const warmUp = ["From: Warm <warm@example.org>", "Subject: Warm-up", "MIME-Version: 1.0", "Content-Type: text/html; charset=utf-8", "", "<p>Warm</p>", ""];
    const appended = await client.append("INBOX", warmUp.join("\r\n"));
    if (!appended || !appended.uid) throw new Error("APPEND of the warm-up message returned no UID");
    uids.set("warm-up", appended.uid);
    for (const hostile of hostileMessages().filter((entry) => wanted.includes(entry.name))) {
      const result = await client.append("INBOX", hostile.source);
      if (!result || !result.uid) throw new Error(`APPEND of ${hostile.name} returned no UID`);
      uids.set(hostile.name, result.uid);
    }
  } finally {
    await client.logout();
  }

  const context = await newClientContext(browser, baseURL);
  const page = await context.newPage();
  await signIn(page, mailbox);
  // Warm the render workers and the routes with ordinary pages first (a text body, and an HTML body
  // in its frame): starting them, and a route's first load, is not what is measured.
  await page.goto(`/mail/INBOX/${uids.get("a-dot-line-8bit")}`);
  await expect(page.getByRole("article")).toBeVisible();
  await page.goto(`/mail/INBOX/${uids.get("warm-up")}`);
  await expect(page.locator('iframe[title="Message: Warm-up"]').contentFrame().locator("body")).toContainText("Warm");
  // The health route's first answer loads its module; that is not what is measured either.
  expect((await fetch(new URL("/api/health", baseURL))).ok).toBe(true);

  const latencies: number[] = [];
  const slow: string[] = [];
  let step = "start";
  let polling = true;
  const poller = (async () => {
    while (polling) {
      const started = performance.now();
      const response = await fetch(new URL("/api/health", baseURL));
      await response.arrayBuffer();
      const latency = performance.now() - started;
      latencies.push(latency);
      if (latency > 200) slow.push(`${step}: ${latency.toFixed(0)} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();

  try {
    try {
      step = "deep-nesting";
      await page.goto(`/mail/INBOX/${uids.get("deep-nesting")}`);
      const deep = page.locator('iframe[title="Message: Hostile deep-nesting"]');
      await expect(deep).toBeVisible();
      await expect(deep.contentFrame().locator("body")).toContainText("hi");

      step = "huge-flat-html-5mb";
      await page.goto(`/mail/INBOX/${uids.get("huge-flat-html-5mb")}`);
      const article = page.getByRole("article", { name: "Hostile huge-flat-html-5mb" });
      await expect(article.getByRole("status")).toContainText("too large to show safely");
      await expect(article).toContainText("flat");
      await expect(article.getByRole("link", { name: "Download the original" })).toBeVisible();

      step = "a-dot-line-8bit";
      await page.goto(`/mail/INBOX/${uids.get("a-dot-line-8bit")}`);
      await expect(page.getByRole("article", { name: "Hostile a-dot-line-8bit" })).toContainText("a.a.a.a.");
    } finally {
      polling = false;
      await poller;
    }
    // The page of a 3,000-part message, after the health measurement: a page, not a stall, is what is checked here.
    await page.goto(`/mail/INBOX/${uids.get("thousands-of-parts")}`);
    const attachments = page.getByRole("article", { name: "Hostile thousands-of-parts" }).getByRole("region", { name: "Attachments" });
    await expect(attachments.getByRole("heading")).toHaveText("3,000 attachments");
    await expect(attachments.getByRole("listitem")).toHaveCount(200);
    await expect(attachments).toContainText("2,800 more attachments are not listed here.");
    await expect(attachments.getByRole("link", { name: "Download the original message to get them all" })).toBeVisible();
    // The printout names the listed ones and says how many more there are.
    await page.goto(`/print/INBOX/${uids.get("thousands-of-parts")}`);
    await expect(page.getByRole("article", { name: "Hostile thousands-of-parts" })).toContainText("part-199.txt 2,800 more attachments are not listed here.");
  } finally {
    await context.close();
  }
  const max = Math.max(...latencies);
  console.log(`/api/health: ${latencies.length} requests while hostile messages opened, max ${max.toFixed(0)} ms${slow.length > 0 ? `; over 200 ms: ${slow.join(", ")}` : ""}`);
  expect(latencies.length).toBeGreaterThan(5);
  expect(max).toBeLessThan(MAX_HEALTH_MS);
});
