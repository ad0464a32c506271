import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import type { TestMailbox } from "./mail-server";
import { randomInt } from "node:crypto";

/**
 * A browser context that looks like its own client address (X-Forwarded-For), so that the
 * per-client sign-in rate limit of one test never spills into another.
 */
export async function newClientContext(browser: Browser, baseURL?: string): Promise<BrowserContext> {
  return browser.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-for": randomClientAddress() } });
}

/** A made-up client address (only ever a string in the rate-limit table; nothing is sent to it). */
export function randomClientAddress(): string {
  return `100.${64 + randomInt(64)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

export async function fillSignIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs in through the real form and waits for the app shell. */
export async function signIn(page: Page, mailbox: TestMailbox) {
  await fillSignIn(page, mailbox.email, mailbox.password);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}
