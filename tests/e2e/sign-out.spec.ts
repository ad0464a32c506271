import { expect, test } from "@playwright/test";
import { newClientContext, signIn } from "../support/browser";
import { createMailbox } from "../support/mail-server";

test("signing out ends the session on the server: a replayed old cookie gets the sign-in page", async ({ browser, baseURL }) => {
  const mailbox = createMailbox("e2e-signout");
  const context = await newClientContext(browser, baseURL);
  const page = await context.newPage();
  await signIn(page, mailbox);
  const oldCookies = await context.cookies();
  expect(oldCookies.some((c) => c.name.endsWith("authjs.session-token"))).toBe(true);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();

  // Another browser presents the old cookie, as a thief who copied it would.
  const replay = await newClientContext(browser, baseURL);
  await replay.addCookies(oldCookies);
  const replayPage = await replay.newPage();
  await replayPage.goto("/mail/INBOX");
  await expect(replayPage).toHaveURL(/\/sign-in/);
  await expect(replayPage.getByRole("button", { name: "Sign out" })).toHaveCount(0);
  const events = await replayPage.request.get("/settings/sessions", { maxRedirects: 0 });
  expect(events.status()).toBe(307);
  await replay.close();
  await context.close();
});

test("another browser's session can be revoked from Signed-in devices", async ({ browser, baseURL }) => {
  const mailbox = createMailbox("e2e-revoke");
  const first = await newClientContext(browser, baseURL);
  const second = await newClientContext(browser, baseURL);
  const firstPage = await first.newPage();
  const secondPage = await second.newPage();
  await signIn(firstPage, mailbox);
  await signIn(secondPage, mailbox);

  await firstPage.goto("/settings/sessions");
  const devices = firstPage.getByRole("list", { name: "Signed-in devices" });
  await expect(devices.getByRole("listitem")).toHaveCount(2);
  await devices.getByRole("button", { name: /^Sign out / }).click();
  await expect(devices.getByRole("listitem")).toHaveCount(1);

  await secondPage.goto("/mail/INBOX");
  await expect(secondPage).toHaveURL(/\/sign-in/);
  await first.close();
  await second.close();
});
