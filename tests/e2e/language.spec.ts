import { randomBytes } from "node:crypto";
import { expect, test, type Browser, type Page, type Route } from "@playwright/test";
import { randomClientAddress } from "../support/browser";
import { appendMessage, connectImap, createMailbox, type TestMailbox } from "../support/mail-server";

const baseURL = () => {
  const url = process.env.MAILROOM_E2E_URL;
  if (!url) throw new Error("MAILROOM_E2E_URL is not set (global set-up starts the app)");
  return url;
};

// A message from a fixed past date, so the list shows a date (not a time) in each language's own form.
const PAST = new Date("2026-03-12T11:00:00Z");

/** A fresh mailbox: the message from PAST in INBOX, two messages in "Projects" and one in "Notes" (for the plurals). */
async function mailboxWithMail(): Promise<{ mailbox: TestMailbox; subject: string }> {
  const mailbox = createMailbox("lang");
  const subject = `Quarterly report ${randomBytes(3).toString("hex")}`;
  await appendMessage(mailbox, { subject, date: PAST });
  const client = await connectImap(mailbox);
  try {
    await client.mailboxCreate("Projects");
    await client.mailboxCreate("Notes");
  } finally {
    await client.logout();
  }
  await appendMessage(mailbox, { subject: "Kick-off", folder: "Projects" });
  await appendMessage(mailbox, { subject: "Milestones", folder: "Projects" });
  await appendMessage(mailbox, { subject: "Ideas", folder: "Notes" });
  return { mailbox, subject };
}

async function browserPage(browser: Browser, locale: string): Promise<Page> {
  // Playwright sends Accept-Language from the context's locale, as the browser of such a user would.
  const context = await browser.newContext({ baseURL: baseURL(), locale, timezoneId: "Europe/Berlin", extraHTTPHeaders: { "x-forwarded-for": randomClientAddress() } });
  return context.newPage();
}

const messageRow = (page: Page, subject: string) => page.getByRole("link", { name: new RegExp(subject) });
const folderEntry = (page: Page, list: string, name: string) => page.getByRole("list", { name: list }).getByRole("listitem", { name });

test("a German browser gets German: sign-in, inbox, dates, plurals, a field error and a lost connection; English in Settings sticks after a reload; Automatic goes back", async ({
  browser,
}) => {
  const { mailbox, subject } = await mailboxWithMail();
  const page = await browserPage(browser, "de-DE");

  await page.goto("/sign-in");
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await expect(page.getByRole("heading", { level: 1, name: "Bei Mailroom anmelden" })).toBeVisible();
  await expect(page).toHaveTitle("Anmelden · Mailroom");
  await page.getByLabel("E-Mail").fill(mailbox.email);
  await page.getByLabel("Passwort").fill(mailbox.password);
  await page.getByRole("button", { name: "Anmelden" }).click();

  await expect(page.getByRole("button", { name: "Abmelden" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Schreiben" })).toBeVisible();
  await expect(page.getByRole("navigation").getByRole("link", { name: /^Posteingang/ })).toBeVisible();
  await expect(messageRow(page, subject)).toContainText("12. März");
  await messageRow(page, subject).click();
  await expect(page.getByRole("toolbar", { name: "Nachricht organisieren" }).getByRole("button", { name: "Archivieren" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Aktionen für diese Nachricht" }).getByRole("link", { name: "Antworten", exact: true })).toBeVisible();

  await page.goto("/settings/folders");
  await expect(page.getByRole("heading", { level: 1, name: "Ordner verwalten" })).toBeVisible();
  await expect(folderEntry(page, "Alle Ordner", "Projects")).toContainText("2 Nachrichten, 2 ungelesen");
  await expect(folderEntry(page, "Alle Ordner", "Notes")).toContainText("1 Nachricht, 1 ungelesen");

  // A field error comes from the server action's schema, worded in the reader's language.
  await page.goto("/settings/identities");
  await page.getByRole("button", { name: "Identität hinzufügen" }).click();
  const identity = page.getByRole("form", { name: "Neue Identität" });
  await identity.getByLabel("E-Mail-Adresse").fill("keine Adresse");
  await identity.getByRole("button", { name: "Identität hinzufügen" }).click();
  await expect(identity.getByLabel("E-Mail-Adresse")).toHaveAttribute("aria-invalid", "true");
  await expect(identity.getByLabel("E-Mail-Adresse")).toHaveAccessibleDescription(/Geben Sie eine E-Mail-Adresse wie name@example\.com ein\./);
  // A call that never reaches the server is worded in the browser, in the page's language.
  const offline = (route: Route) => (route.request().method() === "POST" ? route.abort("internetdisconnected") : route.continue());
  await page.route("**/settings/identities", offline);
  await identity.getByRole("button", { name: "Identität hinzufügen" }).click();
  await expect(identity.getByRole("alert").filter({ hasText: "Mailroom konnte den Server nicht erreichen." })).toBeVisible();
  await page.unroute("**/settings/identities", offline);

  await page.goto("/settings/appearance");
  await expect(page).toHaveTitle("Darstellung · Mailroom");
  const language = page.getByRole("group", { name: "Sprache" });
  await expect(language.getByRole("radio", { name: "Automatisch (Browser)" })).toBeChecked();
  await language.getByRole("radio", { name: "English" }).check();
  await expect(page.getByRole("status").filter({ hasText: "Language saved." })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Appearance" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Appearance" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("group", { name: "Language" }).getByRole("radio", { name: "English" })).toBeChecked();

  await page.goto("/mail/INBOX");
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expect(page.getByRole("navigation").getByRole("link", { name: /^Inbox/ })).toBeVisible();
  await expect(messageRow(page, subject)).toContainText("Mar 12");
  await page.goto("/settings/folders");
  await expect(folderEntry(page, "All folders", "Projects")).toContainText("2 messages, 2 unread");
  await expect(folderEntry(page, "All folders", "Notes")).toContainText("1 message, 1 unread");

  await page.goto("/settings/appearance");
  await page.getByRole("group", { name: "Language" }).getByRole("radio", { name: "Automatic (browser)" }).check();
  await expect(page.getByRole("status").filter({ hasText: "Sprache gespeichert." })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Darstellung" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await page.context().close();
});

test("an English browser gets English: sign-in, inbox, dates and plurals", async ({ browser }) => {
  const { mailbox, subject } = await mailboxWithMail();
  const page = await browserPage(browser, "en-US");

  await page.goto("/sign-in");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1, name: "Sign in to Mailroom" })).toBeVisible();
  await expect(page).toHaveTitle("Sign in · Mailroom");
  await page.getByLabel("Email").fill(mailbox.email);
  await page.getByLabel("Password").fill(mailbox.password);
  await page.getByRole("button", { name: "Sign in" }).click();

  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expect(page.getByRole("navigation").getByRole("link", { name: /^Inbox/ })).toBeVisible();
  await expect(messageRow(page, subject)).toContainText("Mar 12");

  await page.goto("/settings/folders");
  await expect(page.getByRole("heading", { level: 1, name: "Manage folders" })).toBeVisible();
  await expect(folderEntry(page, "All folders", "Projects")).toContainText("2 messages, 2 unread");
  await expect(folderEntry(page, "All folders", "Notes")).toContainText("1 message, 1 unread");
  await page.context().close();
});
