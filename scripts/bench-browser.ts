/**
 * The browser run of `npm run bench -- --browser`: Debian's Chromium (Playwright) against a
 * production build on 127.0.0.1. Each run is a fresh browser context (empty cache, its own client
 * address) that signs in through the form, waits for the inbox's rows, clicks the newest message,
 * waits for its body (the visible article, its frame loaded), then presses j and waits for the next message's body. The clock starts in
 * the page, at the submit, click or key event itself (captured before the app sees it), and stops
 * at the animation frame in which the awaited content is there: rows visible, or the message's
 * article with its body frame loaded. It also weighs the JavaScript the inbox page loads.
 */
import { randomInt } from "node:crypto";
import { chromium, type BrowserContext, type Page } from "@playwright/test";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** How long one awaited step may take before the run counts it as not reached. */
const STEP_TIMEOUT_MS = 60_000;
/** j in an open message that has not moved on within this long is taken as not opening the next message. */
const NEXT_TIMEOUT_MS = 10_000;
const START_KEY = "mailroom-bench:start";

export interface BrowserStepTimes {
  signInToInbox: number;
  clickToBody: number;
  /** Null when j in the open message did not open another one. */
  nextToBody: number | null;
}

export interface JavaScriptWeight {
  files: number;
  /** Bytes on the wire (compressed where the server compressed). */
  transferBytes: number;
  /** Bytes once decompressed. */
  bytes: number;
  /** Content-Encoding of the script responses, with how many used each ("identity" when none). */
  encodings: Record<string, number>;
  /** The Accept-Encoding the browser sent. */
  acceptEncoding: string;
}

export interface BrowserBenchOptions {
  url: string;
  email: string;
  password: string;
}

/**
 * Runs in every page before the app's scripts: notes when the measured input happened (the event's
 * time, in sessionStorage so it survives the sign-in's navigation) and which body frames have loaded.
 */
function installProbes(startKey: string) {
  const loaded = new WeakSet<EventTarget>();
  (window as unknown as { __benchLoadedFrames: WeakSet<EventTarget> }).__benchLoadedFrames = loaded;
  // No named functions in code that runs in the page: tsx compiles them with calls of its own
  // __name helper, which the page does not have (every step then failed with a ReferenceError).
  addEventListener("submit", () => sessionStorage.setItem(startKey, String(Date.now())), true);
  addEventListener(
    "click",
    (event) => {
      if (event.target instanceof Element && event.target.closest("a[data-message-row]")) sessionStorage.setItem(startKey, String(Date.now()));
    },
    true,
  );
  addEventListener(
    "keydown",
    (event) => {
      if (event.key === "j" || event.key === "k") sessionStorage.setItem(startKey, String(Date.now()));
    },
    true,
  );
  // On the document: a load event never travels up to the window.
  document.addEventListener(
    "load",
    (event) => {
      if (event.target instanceof HTMLIFrameElement) loaded.add(event.target);
    },
    true,
  );
}

/** Milliseconds from the marked input to the animation frame where `pathname` shows what `kind` waits for. */
async function elapsedUntil(page: Page, kind: "rows" | "body", pathname: string, timeout = STEP_TIMEOUT_MS): Promise<number> {
  const handle = await page
    .waitForFunction(
      ({ kind, pathname, startKey }) => {
        if (decodeURIComponent(location.pathname) !== pathname) return false;
        if (kind === "rows") {
          const row = document.querySelector('ul[aria-label="Messages"] a[data-message-row]');
          if (!row || !row.checkVisibility()) return false;
        } else {
          // In a conversation the other messages are folded (hidden): the opened one is the visible article.
          const articles = [...document.querySelectorAll("main article")].filter((article) => article.checkVisibility());
          const loaded = (window as unknown as { __benchLoadedFrames: WeakSet<EventTarget> }).__benchLoadedFrames;
          const frames = articles.flatMap((article) => [...article.querySelectorAll("iframe")]).filter((frame) => frame.checkVisibility());
          // Loaded: its load event seen, or its document in the page's resource timing (reported once it loaded).
          const waiting = frames.some((frame) => !loaded.has(frame) && performance.getEntriesByName(new URL(frame.getAttribute("src") ?? "", location.href).href).length === 0);
          if (articles.length === 0 || waiting) return false;
        }
        return Date.now() - Number(sessionStorage.getItem(startKey));
      },
      { kind, pathname, startKey: START_KEY },
      { polling: "raf", timeout },
    )
    .catch(async (error: Error) => {
      throw new Error(`${kind} of ${pathname} not painted within ${timeout} ms; the page shows ${await pageState(page)}`, { cause: error });
    });
  return (await handle.jsonValue()) as number;
}

/** What the page shows, for a step that timed out. */
function pageState(page: Page): Promise<string> {
  return page
    .evaluate(() => {
      const loaded = (window as unknown as { __benchLoadedFrames: WeakSet<EventTarget> }).__benchLoadedFrames;
      const articles = [...document.querySelectorAll("main article")].map((article) => ({
        visible: article.checkVisibility(),
        frames: [...article.querySelectorAll("iframe")].map((frame) => ({
          visible: frame.checkVisibility(),
          loaded: loaded.has(frame),
          timed: performance.getEntriesByName(new URL(frame.getAttribute("src") ?? "", location.href).href).length,
          src: frame.getAttribute("src"),
        })),
      }));
      return JSON.stringify({
        path: location.pathname,
        rows: document.querySelectorAll("a[data-message-row]").length,
        articles,
        main: document.querySelector("main")?.textContent?.slice(0, 120),
      });
    })
    .catch((error: Error) => `(unreadable: ${error.message})`);
}

function newContext(browser: import("@playwright/test").Browser, url: string): Promise<BrowserContext> {
  // Its own client address (told by the trusted proxy, 127.0.0.1): sign-in limits count per client.
  const address = `100.${64 + randomInt(64)}.${randomInt(256)}.${randomInt(1, 255)}`;
  return browser.newContext({ baseURL: url, extraHTTPHeaders: { "x-forwarded-for": address }, viewport: { width: 1280, height: 800 } });
}

/** One run: sign in, open the newest message, j to the next one (when `tryNext`). */
async function oneRun(browser: import("@playwright/test").Browser, options: BrowserBenchOptions, tryNext: boolean): Promise<BrowserStepTimes> {
  const context = await newContext(browser, options.url);
  try {
    await context.addInitScript(installProbes, START_KEY);
    const page = await context.newPage();
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(options.email);
    await page.getByLabel("Password").fill(options.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    const signInToInbox = await elapsedUntil(page, "rows", "/mail/INBOX");

    const rows = page.getByRole("list", { name: "Messages" }).getByRole("link");
    const firstHref = await rows.first().getAttribute("href");
    // Read before the click: the open message replaces the list.
    const secondHref = (await rows.count()) > 1 ? await rows.nth(1).getAttribute("href") : null;
    await rows.first().click();
    const firstPath = decodeURIComponent(new URL(firstHref ?? "/", options.url).pathname);
    const clickToBody = await elapsedUntil(page, "body", firstPath);

    let nextToBody: number | null = null;
    if (secondHref && tryNext) {
      await page.keyboard.press("j");
      const secondPath = decodeURIComponent(new URL(secondHref, options.url).pathname);
      nextToBody = await elapsedUntil(page, "body", secondPath, NEXT_TIMEOUT_MS).catch(() => null);
    }
    return { signInToInbox, clickToBody, nextToBody };
  } finally {
    await context.close();
  }
}

/** The scripts a fresh load of the inbox fetches (empty cache, signed in). */
async function weighInboxJavaScript(browser: import("@playwright/test").Browser, options: BrowserBenchOptions): Promise<JavaScriptWeight> {
  const context = await newContext(browser, options.url);
  try {
    const page = await context.newPage();
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(options.email);
    await page.getByLabel("Password").fill(options.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("list", { name: "Messages" }).getByRole("link").first().waitFor({ timeout: STEP_TIMEOUT_MS });

    const fresh = await context.newPage();
    // No cache shared with the sign-in page: a new page of the same context would reuse its scripts.
    const cdp = await context.newCDPSession(fresh);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    const responses: Promise<{ transfer: number; bytes: number; encoding: string; accept: string }>[] = [];
    fresh.on("response", (response) => {
      if (response.request().resourceType() !== "script") return;
      responses.push(
        (async () => {
          const [sizes, body, headers, requestHeaders] = await Promise.all([response.request().sizes(), response.body(), response.allHeaders(), response.request().allHeaders()]);
          return { transfer: sizes.responseBodySize, bytes: body.length, encoding: headers["content-encoding"] ?? "identity", accept: requestHeaders["accept-encoding"] ?? "" };
        })(),
      );
    });
    await fresh.goto("/mail/INBOX", { waitUntil: "networkidle" });
    const weighed = await Promise.all(responses);
    const encodings: Record<string, number> = {};
    for (const { encoding } of weighed) encodings[encoding] = (encodings[encoding] ?? 0) + 1;
    return {
      files: weighed.length,
      transferBytes: weighed.reduce((sum, item) => sum + item.transfer, 0),
      bytes: weighed.reduce((sum, item) => sum + item.bytes, 0),
      encodings,
      acceptEncoding: weighed[0]?.accept ?? "",
    };
  } finally {
    await context.close();
  }
}

/** A cold run (not counted), then `runs` counted ones, then the inbox's JavaScript weight. */
export async function runBrowserBench(options: BrowserBenchOptions, runs: number): Promise<{ runs: BrowserStepTimes[]; failures: string[]; javascript: JavaScriptWeight }> {
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(options.url)) throw new Error("the browser run only targets an app on 127.0.0.1");
  const browser = await chromium.launch({ executablePath: CHROMIUM });
  try {
    const cold = await oneRun(browser, options, true).catch(() => null);
    const counted: BrowserStepTimes[] = [];
    const failures: string[] = [];
    for (let run = 0; run < runs; run++) {
      // A run whose step times out (a saturated machine) is reported, and the others still count.
      await oneRun(browser, options, cold?.nextToBody !== null).then(
        (times) => counted.push(times),
        (error: Error) => failures.push(error.message),
      );
    }
    return { runs: counted, failures, javascript: await weighInboxJavaScript(browser, options) };
  } finally {
    await browser.close();
  }
}
