import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { chooseTheme } from "../support/appearance";
import { luminanceOf } from "../support/colours";
import { createMailbox, type TestMailbox } from "../support/mail-server";
import { appendBodyMessage } from "../support/raw-message";
import { openPage, signedInState, type StorageState } from "../support/signed-in-state";

// One user and one sign-in for the whole file; every test sets the theme it needs first.
test.describe.configure({ mode: "serial" });

const baseURL = () => {
  const url = process.env.MAILROOM_E2E_URL;
  if (!url) throw new Error("MAILROOM_E2E_URL is not set (global set-up starts the app)");
  return url;
};

const tag = randomBytes(3).toString("hex");
const SUBJECTS = { plain: `Plain ${tag}`, simple: `Simple ${tag}`, colourful: `Colourful ${tag}` };
let mailbox: TestMailbox;
let state: StorageState;
const uids: Record<keyof typeof SUBJECTS, number> = { plain: 0, simple: 0, colourful: 0 };

test.beforeAll(async ({ browser }) => {
  mailbox = createMailbox("dark");
  uids.plain = await appendBodyMessage(mailbox, { subject: SUBJECTS.plain, type: "text/plain", body: "Plain words in the dark." });
  uids.simple = await appendBodyMessage(mailbox, { subject: SUBJECTS.simple, type: "text/html", body: "<p>Simple <b>words</b> in the dark.</p>" });
  uids.colourful = await appendBodyMessage(mailbox, {
    subject: SUBJECTS.colourful,
    type: "text/html",
    body: '<table style="background-color:#ffe4e6"><tr><td style="color:#881337;padding:12px">Colourful words on pink.</td></tr></table>',
  });
  state = await signedInState(browser, baseURL(), mailbox);
});

const isDark = (luminance: number) => luminance < 0.2;
const isLight = (luminance: number) => luminance > 0.6;

async function expectPageScheme(page: Page, scheme: "dark" | "light") {
  const check = scheme === "dark" ? isDark : isLight;
  const body = await luminanceOf(page.locator("body"), "background");
  const main = await luminanceOf(page.getByRole("main"), "background");
  const heading = await luminanceOf(page.getByRole("heading", { level: 1 }).first(), "color");
  expect({ body: check(body), main: check(main), headingContrasts: scheme === "dark" ? heading > 0.5 : heading < 0.2 }).toEqual({ body: true, main: true, headingContrasts: true });
}

test("with the system dark and the theme on System, the app and the sign-in page are dark", async ({ browser }) => {
  const signedIn = await openPage(browser, baseURL(), { storageState: state, colorScheme: "dark" });
  await chooseTheme(signedIn.page, "System");
  await signedIn.page.goto("/mail/INBOX");
  await expect(signedIn.page.getByRole("list", { name: "Messages" })).toBeVisible();
  await expectPageScheme(signedIn.page, "dark");
  await signedIn.context.close();

  const anonymous = await openPage(browser, baseURL(), { colorScheme: "dark" });
  await anonymous.page.goto("/sign-in");
  await expectPageScheme(anonymous.page, "dark");
  await anonymous.context.close();
});

test("Light overrides a dark system, from the first byte of every page", async ({ browser }) => {
  const { context, page } = await openPage(browser, baseURL(), { storageState: state, colorScheme: "dark" });
  await chooseTheme(page, "Light");
  await expectPageScheme(page, "light");
  // Rendered on the server: the page as first sent already carries the choice.
  const response = await page.request.get("/mail/INBOX");
  expect(await response.text()).toContain('data-theme="light"');
  await page.goto("/mail/INBOX");
  await expectPageScheme(page, "light");
  await context.close();
});

test("Dark with a light system is dark, and goes back to light on System", async ({ browser }) => {
  const { context, page } = await openPage(browser, baseURL(), { storageState: state, colorScheme: "light" });
  await chooseTheme(page, "Dark");
  await page.goto("/compose");
  await expectPageScheme(page, "dark");
  await chooseTheme(page, "System");
  await page.goto("/mail/INBOX");
  await expectPageScheme(page, "light");
  await context.close();
});

test("plain and simple mail is shown dark; coloured mail stays light, with View in dark", async ({ browser }) => {
  const { context, page } = await openPage(browser, baseURL(), { storageState: state, colorScheme: "light" });
  await chooseTheme(page, "Dark");

  await page.goto(`/mail/INBOX/${uids.plain}`);
  const plain = page.getByText("Plain words in the dark.");
  expect(isDark(await luminanceOf(plain, "background"))).toBe(true);
  expect(await luminanceOf(plain, "color")).toBeGreaterThan(0.5);
  await expect(page.getByRole("button", { name: "View in dark" })).toHaveCount(0);

  await page.goto(`/mail/INBOX/${uids.simple}`);
  const simple = page.frameLocator(`iframe[title="Message: ${SUBJECTS.simple}"]`);
  await expect(simple.getByText("in the dark.")).toBeVisible();
  expect(isDark(await luminanceOf(simple.locator("html"), "background"))).toBe(true);
  expect(await luminanceOf(simple.getByText("in the dark."), "color")).toBeGreaterThan(0.5);

  await page.goto(`/mail/INBOX/${uids.colourful}`);
  const colourful = page.frameLocator(`iframe[title="Message: ${SUBJECTS.colourful}"]`);
  await expect(colourful.getByText("Colourful words on pink.")).toBeVisible();
  expect(isLight(await luminanceOf(colourful.locator("html"), "background"))).toBe(true);
  expect(await luminanceOf(colourful.getByText("Colourful words on pink."), "color")).toBeLessThan(0.2);
  const viewInDark = page.getByRole("button", { name: "View in dark" });
  await expect(viewInDark).toHaveAttribute("aria-pressed", "false");
  await viewInDark.click();
  await expect(viewInDark).toHaveAttribute("aria-pressed", "true");
  // Inverted as a whole, so the author's contrast is kept: never dark on dark.
  const inverted = page.frameLocator(`iframe[title="Message: ${SUBJECTS.colourful}"]`);
  await expect(inverted.getByText("Colourful words on pink.")).toBeVisible();
  expect(await inverted.locator("html").evaluate((html) => getComputedStyle(html).filter)).toContain("invert(1)");

  // With the light theme the coloured mail has no toggle.
  await chooseTheme(page, "Light");
  await page.goto(`/mail/INBOX/${uids.colourful}`);
  await expect(colourful.getByText("Colourful words on pink.")).toBeVisible();
  await expect(page.getByRole("button", { name: "View in dark" })).toBeHidden();
  await context.close();
});
