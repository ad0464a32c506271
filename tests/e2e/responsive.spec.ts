import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { horizontalOverflow, smallTargets } from "../support/layout-checks";
import { appendMessage, createMailbox, type TestMailbox } from "../support/mail-server";
import { appendBodyMessage } from "../support/raw-message";
import { openPage, signedInState, type StorageState } from "../support/signed-in-state";

// One user and one sign-in for the whole file.
test.describe.configure({ mode: "serial" });

const baseURL = () => {
  const url = process.env.MAILROOM_E2E_URL;
  if (!url) throw new Error("MAILROOM_E2E_URL is not set (global set-up starts the app)");
  return url;
};

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };
const NARROW = { width: 320, height: 640 };
// A 1440 × 900 window at 200 % zoom lays out like this.
const ZOOMED = { width: 720, height: 450 };
const TABLET = { width: 1024, height: 768 };

const tag = randomBytes(3).toString("hex");
const subject = `Phone ${tag} with a subject long enough to need cutting on a narrow screen`;
let mailbox: TestMailbox;
let state: StorageState;
let wideUid = 0;

test.beforeAll(async ({ browser }) => {
  mailbox = createMailbox("phone");
  await appendMessage(mailbox, { subject, from: "Avery Longname-Sender <avery.longname-sender@example.org>", text: `A preview that goes on and on ${"and on ".repeat(30)}` });
  wideUid = await appendBodyMessage(mailbox, {
    subject: `Wide ${tag}`,
    type: "text/html",
    body: `<table width="1200"><tr><td>${"wide cell ".repeat(40)}</td></tr></table><p>${"averyveryverylongwordwithoutanybreak".repeat(8)}</p>`,
  });
  state = await signedInState(browser, baseURL(), mailbox);
});

/** Every screen, found from the app itself (the settings pages from the Settings navigation). */
async function screens(page: Page): Promise<string[]> {
  await page.goto("/settings/outgoing");
  const settings = await page
    .getByRole("navigation", { name: "Settings" })
    .getByRole("link")
    .evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname));
  expect(settings.length).toBeGreaterThanOrEqual(4);
  return ["/mail/INBOX", `/mail/INBOX?q=${encodeURIComponent(tag)}`, `/mail/INBOX/${wideUid}`, "/compose", ...settings];
}

for (const viewport of [NARROW, PHONE, ZOOMED, DESKTOP]) {
  test(`no screen scrolls sideways at ${viewport.width} pixels, signed in or not`, async ({ browser }) => {
    let checked = 0;
    const { context, page } = await openPage(browser, baseURL(), { storageState: state, viewport });
    for (const path of await screens(page)) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
      expect({ path, width: viewport.width, overflow: await horizontalOverflow(page) }).toEqual({ path, width: viewport.width, overflow: { document: 0, main: 0 } });
      checked += 1;
    }
    await context.close();

    const anonymous = await openPage(browser, baseURL(), { viewport });
    await anonymous.page.goto("/sign-in");
    // Someone unknown on the same domain: the test user never gets near the lock for failed sign-ins.
    await anonymous.page.getByLabel("Email").fill(mailbox.email.replace(/^[^@]+/, `nobody-${randomBytes(4).toString("hex")}`));
    await anonymous.page.getByLabel("Password").fill("wrong-password");
    for (const step of ["form", "error"]) {
      if (step === "error") {
        await anonymous.page.getByRole("button", { name: "Sign in" }).click();
        await expect(anonymous.page.getByRole("alert")).toBeVisible();
      }
      expect({ step, width: viewport.width, overflow: await horizontalOverflow(anonymous.page) }).toEqual({ step, width: viewport.width, overflow: { document: 0, main: 0 } });
      checked += 1;
    }
    await anonymous.context.close();
    // 4 mail screens, at least 4 settings pages, sign-in with and without an error.
    expect(checked).toBeGreaterThanOrEqual(10);
  });
}

test("on a phone the folders open in a drawer that traps focus and closes with Escape or a choice", async ({ browser }) => {
  const { context, page } = await openPage(browser, baseURL(), { storageState: state, viewport: PHONE });
  await page.goto("/mail/INBOX");
  const list = page.getByRole("list", { name: "Messages" });
  await expect(list).toBeVisible();
  // One pane: the folder tree is not beside the list, and the list takes the full width.
  await expect(page.getByRole("navigation", { name: "Folders" })).toBeHidden();
  expect((await list.boundingBox())?.width).toBeGreaterThanOrEqual(PHONE.width - 1);

  const button = page.getByRole("button", { name: "Folders" });
  await button.click();
  const drawer = page.getByRole("dialog", { name: "Folders" });
  await expect(drawer).toBeVisible();
  await expect(drawer.getByRole("navigation", { name: "Folders" })).toBeVisible();
  // Focus starts on the open folder and stays inside however far one tabs.
  await expect(drawer.getByRole("link", { name: /Inbox/ })).toBeFocused();
  for (let step = 0; step < 12; step++) {
    await page.keyboard.press("Tab");
    expect(await drawer.evaluate((element) => element.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press("Escape");
  await expect(drawer).toBeHidden();
  await expect(button).toBeFocused();

  await button.click();
  await drawer.getByRole("link", { name: /Sent/ }).click();
  await expect(page).toHaveURL(/\/mail\/Sent/);
  await expect(drawer).toBeHidden();
  await context.close();
});

test("on a phone a message opens full screen with Back, and compose fills the screen", async ({ browser }) => {
  const { context, page } = await openPage(browser, baseURL(), { storageState: state, viewport: PHONE });
  await page.goto("/mail/INBOX");
  const row = page.getByRole("link", { name: new RegExp(`from Avery Longname-Sender, ${subject}`) });
  await expect(row).toBeVisible();
  // Sender, subject and preview stacked: the row is taller than one line and, beside its checkbox, as wide as the screen.
  const rowBox = await row.boundingBox();
  expect(rowBox && { wide: rowBox.x + rowBox.width >= PHONE.width - 1 && rowBox.width >= PHONE.width - 60, stacked: rowBox.height >= 60 }).toEqual({ wide: true, stacked: true });
  const targets = await smallTargets(page, "header", 44);
  expect(targets.small).toEqual([]);
  expect(targets.checked).toBeGreaterThanOrEqual(4);

  // A tap on the sender's name (the row's actions may cover its right end while it has focus).
  await row.click({ position: { x: 24, y: 12 } });
  const heading = page.getByRole("heading", { level: 1, name: subject });
  await expect(heading).toBeVisible();
  const article = await page.getByRole("article").boundingBox();
  expect(article && article.width).toBeGreaterThanOrEqual(PHONE.width - 40);
  await page.getByRole("link", { name: "Back to Inbox" }).click();
  await expect(page.getByRole("list", { name: "Messages" })).toBeVisible();

  // The frame is as tall as its content: on a phone the content wraps into more lines and the frame grows with it.
  const frame = page.locator(`iframe[title="Message: Wide ${tag}"]`);
  const frameHeight = async () => (await frame.boundingBox())?.height ?? 0;
  await page.setViewportSize(DESKTOP);
  await page.goto(`/mail/INBOX/${wideUid}`);
  await expect(page.frameLocator(`iframe[title="Message: Wide ${tag}"]`).getByText("wide cell").first()).toBeVisible();
  const desktopHeight = await frameHeight();
  await page.setViewportSize(PHONE);
  await expect.poll(frameHeight).toBeGreaterThan(desktopHeight);

  await page.goto("/compose");
  const editor = page.getByRole("textbox", { name: "Message" });
  await expect(editor).toBeVisible();
  const form = await page.getByRole("textbox", { name: "Subject" }).boundingBox();
  const send = await page.getByRole("button", { name: "Send" }).boundingBox();
  // Full width (label beside the field, nothing beside the composer) and the Send button on screen.
  expect(form && form.x + form.width).toBeGreaterThanOrEqual(PHONE.width - 24);
  expect(send && send.y + send.height).toBeLessThanOrEqual(PHONE.height);
  await context.close();
});

test("on a desktop and a tablet the folders stay beside a list that keeps most of the width", async ({ browser }) => {
  let checked = 0;
  for (const viewport of [DESKTOP, TABLET]) {
    const { context, page } = await openPage(browser, baseURL(), { storageState: state, viewport });
    await page.goto("/mail/INBOX");
    await expect(page.getByRole("navigation", { name: "Folders" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Folders" })).toBeHidden();
    const list = await page.getByRole("list", { name: "Messages" }).boundingBox();
    expect({ width: viewport.width, listShare: list ? list.width / viewport.width >= 0.75 : false }).toEqual({ width: viewport.width, listShare: true });
    checked += 1;
    await context.close();
  }
  expect(checked).toBe(2);
});
