import type { Browser, BrowserContext, BrowserContextOptions, Page } from "@playwright/test";
import { randomClientAddress, signIn } from "./browser";
import type { TestMailbox } from "./mail-server";

export type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;

/** Signs in once through the real form and returns the cookies, so a spec's other contexts reuse one session. */
export async function signedInState(browser: Browser, baseURL: string, mailbox: TestMailbox): Promise<StorageState> {
  const context = await browser.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-for": randomClientAddress() } });
  try {
    const page = await context.newPage();
    await signIn(page, mailbox);
    return await context.storageState();
  } finally {
    await context.close();
  }
}

/** A page of a new context (its own client address), signed in when given a state. */
export async function openPage(browser: Browser, baseURL: string, options: BrowserContextOptions = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-for": randomClientAddress() }, ...options });
  return { context, page: await context.newPage() };
}
