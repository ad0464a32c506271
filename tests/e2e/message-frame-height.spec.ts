import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { horizontalOverflow } from "../support/layout-checks";
import { createMailbox } from "../support/mail-server";
import { appendBodyMessage } from "../support/raw-message";
import { openPage, signedInState, type StorageState } from "../support/signed-in-state";

test.describe.configure({ mode: "serial" });

const baseURL = () => {
  const url = process.env.MAILROOM_E2E_URL;
  if (!url) throw new Error("MAILROOM_E2E_URL is not set (global set-up starts the app)");
  return url;
};

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const NARROW = { width: 320, height: 640 };

const tag = randomBytes(3).toString("hex");
const LONG = `Long ${tag}`;
const SHORT = `Short ${tag}`;
const WIDE = `Wide ${tag}`;
const uids: Record<string, number> = {};
let state: StorageState;

test.beforeAll(async ({ browser }) => {
  const mailbox = createMailbox("frame-height");
  uids[LONG] = await appendBodyMessage(mailbox, {
    subject: LONG,
    type: "text/html",
    body: Array.from({ length: 200 }, (_, index) => `<p>Paragraph ${index + 1} of a long letter, long enough to wrap on a phone's narrow screen.</p>`).join(""),
  });
  uids[SHORT] = await appendBodyMessage(mailbox, { subject: SHORT, type: "text/html", body: "<p>Just one line.</p>" });
  uids[WIDE] = await appendBodyMessage(mailbox, {
    subject: WIDE,
    type: "text/html",
    body: `<table width="1200"><tr><td>${"wide cell ".repeat(40)}</td></tr></table>${"<p>Below the wide table.</p>".repeat(40)}`,
  });
  state = await signedInState(browser, baseURL(), mailbox);
});

const frameElement = (page: Page, subject: string) => page.locator(`iframe[title="Message: ${subject}"]`);

/** Opens a message and waits until its frame's document has loaded (the placeholder is gone). */
async function openMessage(page: Page, subject: string) {
  await page.goto(`/mail/INBOX/${uids[subject]}`);
  await expect(page.frameLocator(`iframe[title="Message: ${subject}"]`).locator("body")).toBeAttached();
  await expect(page.getByRole("status", { name: "Loading message…" })).toHaveCount(0);
}

/** The frame's document as its own reader sees it: its content's height against its window. */
async function frameFit(page: Page, subject: string) {
  const frame = await (await frameElement(page, subject).elementHandle())!.contentFrame();
  if (!frame) throw new Error(`The frame of ${subject} has no document`);
  return frame.evaluate(() => {
    const root = document.scrollingElement!;
    return {
      // The test of the issue: the frame's document has nothing to scroll vertically.
      noVerticalScroll: root.scrollHeight <= innerHeight + 1,
      // Stricter where a horizontal scrollbar takes room: the content fits above it.
      fitsAboveScrollbar: root.scrollHeight <= root.clientHeight + 1,
      scrollsSideways: root.scrollWidth > root.clientWidth,
      contentHeight: root.scrollHeight,
    };
  });
}

test("a long message's frame is as tall as its content, so only the page scrolls, on a desktop and a phone", async ({ browser }) => {
  let checked = 0;
  for (const viewport of [DESKTOP, PHONE]) {
    const { context, page } = await openPage(browser, baseURL(), { storageState: state, viewport });
    await openMessage(page, LONG);
    await expect.poll(async () => (await frameFit(page, LONG)).noVerticalScroll, `${viewport.width}px`).toBe(true);
    const fit = await frameFit(page, LONG);
    const box = await frameElement(page, LONG).boundingBox();
    // 200 paragraphs: far taller than the window, and the frame holds all of it.
    expect({ width: viewport.width, fit, tallerThanWindow: (box?.height ?? 0) > viewport.height * 2, holdsContent: (box?.height ?? 0) >= fit.contentHeight }).toEqual({
      width: viewport.width,
      fit: { ...fit, noVerticalScroll: true, fitsAboveScrollbar: true, scrollsSideways: false },
      tallerThanWindow: true,
      holdsContent: true,
    });
    // The page (or the app's region around the message) scrolls instead, by more than the window.
    const pageScrolls = await frameElement(page, LONG).evaluate((frame) => {
      for (let element = frame.parentElement; element; element = element.parentElement) {
        const scrollable = element === document.scrollingElement || /auto|scroll/.test(getComputedStyle(element).overflowY);
        if (scrollable && element.scrollHeight > element.clientHeight * 2) return true;
      }
      return false;
    });
    expect(pageScrolls, `${viewport.width}px`).toBe(true);
    checked += 1;
    await context.close();
  }
  expect(checked).toBe(2);
});

test("the frame follows its content: a narrower window and added content make it taller, a wider one shorter", async ({ browser }) => {
  const { context, page } = await openPage(browser, baseURL(), { storageState: state, viewport: DESKTOP });
  await openMessage(page, LONG);
  const height = async () => (await frameElement(page, LONG).boundingBox())?.height ?? 0;
  await expect.poll(async () => (await frameFit(page, LONG)).noVerticalScroll).toBe(true);
  const desktop = await height();

  await page.setViewportSize(PHONE);
  await expect.poll(height).toBeGreaterThan(desktop + 200);
  await expect.poll(async () => (await frameFit(page, LONG)).noVerticalScroll).toBe(true);
  const phone = await height();

  // Content that grows after the load (as a late image would) grows the frame.
  const frame = (await (await frameElement(page, LONG).elementHandle())!.contentFrame())!;
  await frame.evaluate(() => {
    const block = document.createElement("div");
    block.style.height = "600px";
    document.body.append(block);
  });
  await expect.poll(height).toBeGreaterThanOrEqual(phone + 600);
  await expect.poll(async () => (await frameFit(page, LONG)).noVerticalScroll).toBe(true);

  await frame.evaluate(() => document.body.lastElementChild!.remove());
  await page.setViewportSize(DESKTOP);
  await expect.poll(height).toBe(desktop);
  await context.close();
});

test("a short message gets a short frame", async ({ browser }) => {
  const { context, page } = await openPage(browser, baseURL(), { storageState: state, viewport: DESKTOP });
  await openMessage(page, SHORT);
  await expect.poll(async () => (await frameFit(page, SHORT)).noVerticalScroll).toBe(true);
  // One line and the frame's padding; the server's estimate alone would never go below 200 px.
  await expect.poll(async () => (await frameElement(page, SHORT).boundingBox())?.height ?? 0).toBeLessThan(120);
  await context.close();
});

test("a wide message scrolls sideways inside its frame, not the page, at 320 pixels, and its frame still needs no vertical scrolling", async ({ browser }) => {
  const { context, page } = await openPage(browser, baseURL(), { storageState: state, viewport: NARROW });
  await openMessage(page, WIDE);
  await expect.poll(async () => (await frameFit(page, WIDE)).fitsAboveScrollbar).toBe(true);
  expect(await frameFit(page, WIDE)).toMatchObject({ scrollsSideways: true, noVerticalScroll: true, fitsAboveScrollbar: true });
  expect(await horizontalOverflow(page)).toEqual({ document: 0, main: 0 });
  await context.close();
});

test("a placeholder names the loading message until the frame's document has loaded", async ({ browser }) => {
  const { context, page } = await openPage(browser, baseURL(), { storageState: state, viewport: PHONE });
  // Hold the frame's document until the placeholder has been seen.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/api\/messages\/INBOX\/\d+\/body/, async (route) => {
    await held;
    await route.continue();
  });
  // The page's load event waits for its frames: only its document is awaited here.
  await page.goto(`/mail/INBOX/${uids[SHORT]}`, { waitUntil: "domcontentloaded" });
  const placeholder = page.getByRole("status", { name: "Loading message…" });
  await expect(placeholder).toBeVisible();
  release();
  await expect(page.frameLocator(`iframe[title="Message: ${SHORT}"]`).getByText("Just one line.")).toBeVisible();
  await expect(placeholder).toHaveCount(0);
  await context.close();
});

test("where the frame's document can't be measured, the frame keeps the server's estimate and scrolls itself", async ({ browser }) => {
  const { context, page } = await openPage(browser, baseURL(), { storageState: state, viewport: DESKTOP });
  // A document sandboxed without allow-same-origin has an origin of its own: the app can't reach it.
  await page.route(/\/api\/messages\/INBOX\/\d+\/body/, async (route) => {
    const response = await route.fetch();
    const policy = response.headers()["content-security-policy"]!.replace("sandbox allow-same-origin ", "sandbox ");
    await route.fulfill({ response, headers: { ...response.headers(), "content-security-policy": policy } });
  });
  await page.goto(`/mail/INBOX/${uids[LONG]}`);
  await expect(page.frameLocator(`iframe[title="Message: ${LONG}"]`).getByText("Paragraph 200 of")).toBeAttached();
  await expect(page.getByRole("status", { name: "Loading message…" })).toHaveCount(0);
  expect(await frameElement(page, LONG).evaluate((frame: HTMLIFrameElement) => frame.contentDocument)).toBeNull();
  const box = await frameElement(page, LONG).boundingBox();
  // The estimate is capped at 1600 px, far less than 200 paragraphs: the frame scrolls its own document.
  expect(box && box.height >= 200 && box.height <= 1600).toBe(true);
  expect((await frameFit(page, LONG)).noVerticalScroll).toBe(false);
  await context.close();
});

test("a message opened as a whole page asks for its body's frame once, not again when the streamed page puts it in place", async ({ browser }) => {
  const { context, page } = await openPage(browser, baseURL(), { storageState: state, viewport: DESKTOP });
  const asked: string[] = [];
  page.on("request", (request) => {
    if (/\/api\/messages\/INBOX\/\d+\/body/.test(request.url())) asked.push(request.url());
  });
  await openMessage(page, SHORT);
  await expect(page.frameLocator(`iframe[title="Message: ${SHORT}"]`).getByText("Just one line.")).toBeVisible();
  // Until the page's own work is done (mark-read, the neighbours' prefetch), no second request.
  await page.waitForLoadState("networkidle");
  expect(asked).toHaveLength(1);
  await context.close();
});
