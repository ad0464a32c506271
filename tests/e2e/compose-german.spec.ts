import { expect, test } from "@playwright/test";
import { randomClientAddress } from "../support/browser";
import { appendMessage, createMailbox } from "../support/mail-server";

test("a German reader is refused and asked in German: a wrong password, then Send without a subject; a reply quotes in German", async ({ browser, baseURL }) => {
  const mailbox = createMailbox("deutsch");
  // Playwright sends Accept-Language from the context's locale, as the browser of such a user would.
  const context = await browser.newContext({ baseURL, locale: "de-DE", extraHTTPHeaders: { "x-forwarded-for": randomClientAddress() } });
  const page = await context.newPage();

  await page.goto("/sign-in");
  await page.getByLabel("E-Mail").fill(mailbox.email);
  await page.getByLabel("Passwort").fill(`not-${mailbox.password}`);
  await page.getByRole("button", { name: "Anmelden" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "E-Mail-Adresse oder Passwort ist falsch." })).toBeVisible();
  await page.getByLabel("Passwort").fill(mailbox.password);
  await page.getByRole("button", { name: "Anmelden" }).click();
  await expect(page.getByRole("button", { name: "Abmelden" })).toBeVisible();

  await page.goto("/compose");
  await expect(page.getByRole("heading", { level: 1, name: "Neue Nachricht" })).toBeVisible();
  const message = page.getByRole("textbox", { name: "Nachricht" });
  await expect(message).toBeVisible();
  await page.getByRole("combobox", { name: "An" }).fill(mailbox.email);
  await message.click();
  await page.keyboard.type("Kurz und bündig.");
  await page.getByRole("button", { name: "Senden", exact: true }).click();
  const question = page.getByRole("alertdialog", { name: "Ohne Betreff senden?" });
  await expect(question).toContainText("Die Nachricht hat keinen Betreff.");
  await question.getByRole("button", { name: "Zurück" }).click();
  await expect(question).toBeHidden();
  // Nothing was sent; the draft is kept, and its time is said the German way.
  await expect(page.getByRole("status").filter({ hasText: /^Entwurf gespeichert um \d{2}:\d{2}$/ })).toBeVisible();

  // A reply quotes the original under a German attribution line, its date the German way.
  await appendMessage(mailbox, { subject: "Frage", from: "Anna Beispiel <anna@example.org>", text: "Passt Dienstag?", date: new Date("2026-03-12T11:00:00Z") });
  await page.goto("/mail/INBOX");
  await page.getByRole("link", { name: /Frage/ }).click();
  await page.getByRole("link", { name: "Antworten", exact: true }).click();
  const reply = page.getByRole("textbox", { name: "Nachricht" });
  await expect(reply.locator("blockquote")).toContainText("Passt Dienstag?");
  await expect(reply).toContainText(/Am 12\.03\.2026, \d{2}:\d{2} schrieb Anna Beispiel <anna@example\.org>:/);
  await context.close();
});
