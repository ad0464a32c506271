import { randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { createMailbox, type TestMailbox } from "../support/mail-server";
import { appendBodyMessage } from "../support/raw-message";
import { openPage, signedInState, type StorageState } from "../support/signed-in-state";

// One user and one sign-in for the whole file.
test.describe.configure({ mode: "serial" });

const baseURL = () => {
  const url = process.env.MAILROOM_E2E_URL;
  if (!url) throw new Error("MAILROOM_E2E_URL is not set (global set-up starts the app)");
  return url;
};

const VIEWPORTS = { desktop: { width: 1440, height: 900 }, phone: { width: 390, height: 844 } };
const SCHEMES = ["light", "dark"] as const;
const TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"];

const tag = randomBytes(3).toString("hex");
let mailbox: TestMailbox;
let state: StorageState;
const uids = { plain: 0, html: 0, reply: 0 };

test.beforeAll(async ({ browser }) => {
  mailbox = createMailbox("axe");
  uids.plain = await appendBodyMessage(mailbox, { subject: `Plain ${tag}`, type: "text/plain", body: "Hello,\n\nsee https://example.org/page.\n\n> quoted line\n> another" });
  uids.html = await appendBodyMessage(mailbox, {
    subject: `Coloured ${tag}`,
    type: "text/html",
    body: '<div style="background:#fef3c7;padding:8px"><h2 style="color:#92400e">News</h2><p>Read <a href="https://example.org">more</a>.</p></div>',
  });
  const first = `<first-${tag}@example.org>`;
  await appendBodyMessage(mailbox, { subject: `Budget ${tag}`, type: "text/plain", body: "The first.", messageId: first, date: new Date(Date.now() - 3_600_000) });
  uids.reply = await appendBodyMessage(mailbox, { subject: `Re: Budget ${tag}`, type: "text/plain", body: "The reply.", inReplyTo: first });
  state = await signedInState(browser, baseURL(), mailbox);
});

/** Violations axe finds on the page as it is now, as "rule: target" lines (the sandboxed message frame runs no script, so axe can't enter it). */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(TAGS).exclude('iframe[title^="Message:"]').analyze();
  return result.violations.flatMap((violation) =>
    violation.nodes.map((node) => `${violation.id}: ${node.target.join(" ")} — ${node.failureSummary?.split("\n")[1]?.trim() ?? ""}`),
  );
}

async function settingsPages(page: Page): Promise<string[]> {
  await page.goto("/settings/outgoing");
  return page
    .getByRole("navigation", { name: "Settings" })
    .getByRole("link")
    .evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname));
}

for (const [device, viewport] of Object.entries(VIEWPORTS)) {
  for (const scheme of SCHEMES) {
    test(`every screen has no WCAG 2.2 AA violations: ${device}, ${scheme}`, async ({ browser }) => {
      // Every screen, each analysed by axe: about a minute on an idle 2-core machine, more on a busy one.
      test.setTimeout(240_000);
      const checked: string[] = [];
      const check = async (page: Page, name: string) => {
        expect.soft({ screen: name, violations: await violations(page) }).toEqual({ screen: name, violations: [] });
        checked.push(name);
      };

      const anonymous = await openPage(browser, baseURL(), { viewport, colorScheme: scheme });
      await anonymous.page.goto("/sign-in");
      await expect(anonymous.page.getByRole("button", { name: "Sign in" })).toBeVisible();
      await check(anonymous.page, "sign-in");
      // Someone unknown on the same domain: the test user never gets near the lock for failed sign-ins.
      await anonymous.page.getByLabel("Email").fill(mailbox.email.replace(/^[^@]+/, `nobody-${randomBytes(4).toString("hex")}`));
      await anonymous.page.getByLabel("Password").fill("not-the-password");
      await anonymous.page.getByRole("button", { name: "Sign in" }).click();
      await expect(anonymous.page.getByRole("alert")).toBeVisible();
      await check(anonymous.page, "sign-in with an error");
      await anonymous.context.close();

      const { context, page } = await openPage(browser, baseURL(), { storageState: state, viewport, colorScheme: scheme });
      await page.goto("/mail/INBOX");
      await expect(page.getByRole("list", { name: "Messages" })).toBeVisible();
      await check(page, "inbox");
      if (device === "phone") {
        await page.getByRole("button", { name: "Folders" }).click();
        await expect(page.getByRole("dialog", { name: "Folders" })).toBeVisible();
        await check(page, "folder drawer");
        await page.keyboard.press("Escape");
      }
      await page.goto(`/mail/INBOX?q=${tag}`);
      await expect(page.getByRole("heading", { name: "Search results in Inbox" })).toBeVisible();
      await check(page, "search results");
      await page.goto(`/mail/INBOX/${uids.plain}`);
      // Visible, not only attached: streamed content waits hidden until it replaces the skeleton.
      await expect(page.getByRole("heading", { level: 1, name: `Plain ${tag}` })).toBeVisible();
      await check(page, "plain-text message");
      await page.goto(`/mail/INBOX/${uids.html}`);
      await expect(page.frameLocator(`iframe[title="Message: Coloured ${tag}"]`).getByText("News")).toBeVisible();
      await check(page, "HTML message");
      await page.goto(`/mail/INBOX/${uids.reply}`);
      await expect(page.getByText("2 messages in this conversation")).toBeVisible();
      await check(page, "conversation");

      await page.goto("/compose");
      await expect(page.getByRole("textbox", { name: "Message" })).toBeVisible();
      await page.getByRole("combobox", { name: "To" }).fill(`someone-${tag}@example.org`);
      await page.getByRole("textbox", { name: "Message" }).click();
      await page.keyboard.type("A body without a subject.");
      await page.getByRole("button", { name: "Send" }).click();
      // No subject and an outside recipient: the composer asks first.
      const warning = page.getByRole("alertdialog", { name: /^Send/ });
      await expect(warning).toBeVisible();
      await check(page, "compose with a warning");
      await warning.getByRole("button", { name: "Go back" }).click();
      await expect(warning).toBeHidden();

      const settings = await settingsPages(page);
      for (const path of settings) {
        await page.goto(path);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        await check(page, path);
      }
      await context.close();
      // Sign-in twice, inbox, search, three messages, compose, every settings page (and the drawer on phones).
      expect(checked.length).toBe(8 + settings.length + (device === "phone" ? 1 : 0));
      expect(settings.length).toBeGreaterThanOrEqual(4);
    });
  }
}

test("Skip to messages is the first stop, the title names the folder and its unread mail, new mail is announced, motion stops on request", async ({ browser }) => {
  const { context, page } = await openPage(browser, baseURL(), { storageState: state, reducedMotion: "reduce" });
  await page.goto("/mail/INBOX");
  await expect(page.getByRole("status").filter({ hasText: "Live updates on" })).toBeVisible();
  await expect(page).toHaveTitle(/^\(\d+\) Inbox · Mailroom$/);

  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to messages" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("main")).toBeFocused();

  const unreadBefore = Number(/^\((\d+)\)/.exec(await page.title())?.[1]);
  await appendBodyMessage(mailbox, { subject: `Arrival ${tag}`, type: "text/plain", body: "Just arrived." });
  await expect(page.getByRole("status").filter({ hasText: "New message in Inbox" })).toBeAttached();
  await expect(page).toHaveTitle(`(${unreadBefore + 1}) Inbox · Mailroom`);

  // The conversation switch slides (a transition) unless the reader asked for less motion.
  const knob = page.getByRole("switch", { name: "Conversation view" }).locator("span span");
  const duration = (target: typeof knob) => target.evaluate((element) => Number.parseFloat(getComputedStyle(element).transitionDuration));
  expect(await duration(knob)).toBeLessThan(0.001);
  await page.emulateMedia({ reducedMotion: "no-preference" });
  expect(await duration(knob)).toBeGreaterThan(0.05);
  await context.close();
});
