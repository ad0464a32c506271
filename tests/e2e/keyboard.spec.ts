import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";
import { newClientContext, signIn } from "../support/browser";
import { focusFirstRowByKey } from "../support/list-page";
import { appendMessage, connectImap, createMailbox, type TestMailbox } from "../support/mail-server";

async function signedIn(browser: Browser, baseURL: string | undefined, mailbox: TestMailbox) {
  const context = await newClientContext(browser, baseURL);
  const page = await context.newPage();
  await signIn(page, mailbox);
  return { context, page };
}

/** WCAG 2.2 AA problems axe finds on the page as it is now. */
async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze();
  return result.violations.flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(" ")}`));
}

/** Waits until the page's script has loaded (the folder tree is interactive), so key presses aren't lost. */
async function interactive(page: Page) {
  await expect(page.getByRole("navigation", { name: "Folders" }).getByRole("link", { name: /^Inbox/ })).toBeVisible();
  await page.waitForLoadState("networkidle");
}

/**
 * Presses a key sequence ("g s", "/") until the page asks for `destination`, then waits for the
 * page to get there. On a busy machine the page can look idle before its script has run (a
 * person's keys would be lost then too), so each try starts again from no focus, as
 * focusFirstRowByKey does; a try ends once the request is sent, not once it is answered, so a
 * slow answer is not asked for again.
 */
async function goBySequence(page: Page, keys: string[], destination: (url: URL) => boolean, url: RegExp) {
  await expect(async () => {
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const asked = page.waitForRequest((request) => !request.headers()["next-router-prefetch"] && destination(new URL(request.url())), { timeout: 3_000 });
    for (const key of keys) await page.keyboard.press(key);
    await asked;
  }).toPass({ timeout: 20_000 });
  await expect(page).toHaveURL(url, { timeout: 30_000 });
}

/** Presses `key` until `shows` is visible: a key pressed before the page's script has run is lost (see goBySequence). */
async function pressUntilVisible(page: Page, key: string, shows: Locator, before?: () => Promise<void>) {
  await expect(async () => {
    await before?.();
    await page.keyboard.press(key);
    await expect(shows).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 20_000 });
}

test("navigation keys: g i, c, /, and nothing while typing in a field", async ({ browser, baseURL }) => {
  const mailbox = createMailbox("keysnav");
  const { context, page } = await signedIn(browser, baseURL, mailbox);
  try {
    await page.goto("/settings/identities");
    await interactive(page);
    await goBySequence(page, ["g", "i"], (url) => url.pathname === "/mail/INBOX", /\/mail\/INBOX$/);
    await expect(page.getByRole("heading", { name: "Inbox", level: 1 })).toBeVisible();

    // "/" puts the cursor in the search box; letters typed there stay there.
    await page.keyboard.press("/");
    const search = page.getByRole("searchbox", { name: "Search mail" });
    await expect(search).toBeFocused();
    await page.keyboard.type("cat gi");
    await expect(search).toHaveValue("cat gi");
    await expect(page).toHaveURL(/\/mail\/INBOX$/);

    // Out of the field, c composes.
    await search.blur();
    await page.keyboard.press("c");
    await expect(page).toHaveURL(/\/compose$/);

    // From a page without a search box, "/" goes to the Inbox and focuses its search.
    await page.goto("/settings/folders");
    await interactive(page);
    await goBySequence(page, ["/"], (url) => url.pathname === "/mail/INBOX", /\/mail\/INBOX$/);
    await expect(page.getByRole("searchbox", { name: "Search mail" })).toBeFocused();

    // With a modifier, nothing happens.
    await page.getByRole("searchbox", { name: "Search mail" }).blur();
    await page.keyboard.press("Alt+c");
    await expect(page).toHaveURL(/\/mail\/INBOX$/);
  } finally {
    await context.close();
  }
});

test("reading keys: j, o, u, r, and g s for starred mail", async ({ browser, baseURL }) => {
  const mailbox = createMailbox("keysread");
  await appendMessage(mailbox, { subject: "Older note", from: "Ann <ann@example.org>" });
  await appendMessage(mailbox, { subject: "Newest note", from: "Ben <ben@example.org>", flags: ["\\Flagged"] });
  const { context, page } = await signedIn(browser, baseURL, mailbox);
  try {
    await page.goto("/mail/INBOX");
    await interactive(page);
    const newest = page.getByRole("link", { name: /from Ben, Newest note/ });
    await focusFirstRowByKey(page, newest);
    await page.keyboard.press("o");
    await expect(page).toHaveURL(/\/mail\/INBOX\/\d+\?/);
    await expect(page.getByRole("heading", { name: "Newest note", level: 1 })).toBeVisible();
    await page.waitForLoadState("networkidle");

    await page.keyboard.press("u");
    await expect(page).toHaveURL(/\/mail\/INBOX\?page=1&sort=date$/);
    await expect(page.getByRole("list", { name: "Messages" })).toBeVisible();

    await page.getByRole("link", { name: /from Ann, Older note/ }).click();
    await expect(page.getByRole("heading", { name: "Older note", level: 1 })).toBeVisible();
    await page.waitForLoadState("networkidle");
    await page.keyboard.press("r");
    await expect(page).toHaveURL(/\/compose\?reply=INBOX%3A\d+$/);

    await page.goto("/mail/INBOX");
    await interactive(page);
    await goBySequence(page, ["g", "s"], (url) => url.searchParams.get("starred") === "1", /starred=1/);
    const results = page.getByRole("list", { name: "Messages" });
    await expect(results.getByRole("link", { name: /Newest note/ })).toBeVisible();
    await expect(results.getByRole("link", { name: /Older note/ })).toHaveCount(0);
  } finally {
    await context.close();
  }
});

test("? shows every shortcut, including the message actions; Escape closes it and focus returns", async ({ browser, baseURL }) => {
  const mailbox = createMailbox("keyshelp");
  const { context, page } = await signedIn(browser, baseURL, mailbox);
  try {
    await page.goto("/mail/INBOX");
    await interactive(page);
    const compose = page.getByRole("link", { name: "Compose", exact: true });
    const sheet = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await pressUntilVisible(page, "?", sheet, () => compose.focus());
    const expected = ["Go to Inbox", "Compose", "Reply all", "Search mail", "Archive", "Delete", "Mark as unread", "Move to…", "Report junk", "Undo the last action"];
    let seen = 0;
    for (const does of expected) {
      await expect(sheet.getByText(does, { exact: true })).toBeVisible();
      seen++;
    }
    expect(seen).toBe(expected.length);
    expect(await axeViolations(page)).toEqual([]);
    // Keys pressed over the sheet do nothing behind it.
    await page.keyboard.press("c");
    await expect(page).toHaveURL(/\/mail\/INBOX$/);
    await page.keyboard.press("Escape");
    await expect(sheet).toHaveCount(0);
    await expect(compose).toBeFocused();
  } finally {
    await context.close();
  }
});

test("the command palette jumps to a folder by part of its name and runs commands", async ({ browser, baseURL }) => {
  const mailbox = createMailbox("palette");
  const setup = await connectImap(mailbox);
  await setup.mailboxCreate("Réunions 2026");
  await setup.mailboxCreate("Projects");
  await setup.mailboxCreate("Projects/Budget");
  await setup.logout();
  const { context, page } = await signedIn(browser, baseURL, mailbox);
  try {
    await page.goto("/mail/INBOX");
    await interactive(page);

    let palette = page.getByRole("dialog", { name: "Command palette" });
    await pressUntilVisible(page, "Control+k", palette);
    const input = palette.getByRole("combobox", { name: "Type a command or a folder name" });
    await expect(input).toBeFocused();
    // Without accents and with only part of the name.
    await input.fill("reun");
    const options = palette.getByRole("listbox", { name: "Commands and folders" }).getByRole("option");
    await expect(options).toHaveCount(1);
    await expect(options.first()).toHaveAccessibleName(/Réunions 2026/);
    await expect(options.first()).toHaveAttribute("aria-selected", "true");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/mail\/R%C3%A9unions%202026$/);
    await expect(page.getByRole("heading", { name: "Réunions 2026", level: 1 })).toBeVisible();

    // Arrow keys choose among several matches: "budget" is inside Projects.
    await page.keyboard.press("Control+k");
    palette = page.getByRole("dialog", { name: "Command palette" });
    await palette.getByRole("combobox").fill("proj");
    await expect(palette.getByRole("option")).toHaveCount(2);
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press("ArrowDown");
    await expect(palette.getByRole("option", { name: /Projects \/ Budget/ })).toHaveAttribute("aria-selected", "true");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/mail\/Projects%2FBudget$/);

    // A command: go to a settings page.
    await page.keyboard.press("Control+k");
    palette = page.getByRole("dialog", { name: "Command palette" });
    await palette.getByRole("combobox").fill("settings fold");
    await palette.getByRole("option", { name: /Settings: Folders/ }).click();
    await expect(page).toHaveURL(/\/settings\/folders$/);
    await expect(page.getByRole("heading", { name: "Manage folders" })).toBeVisible();

    // Escape closes it and gives focus back.
    const compose = page.getByRole("link", { name: "Compose", exact: true });
    await compose.focus();
    await page.keyboard.press("Control+k");
    await expect(page.getByRole("dialog", { name: "Command palette" })).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(page.getByRole("dialog", { name: "Command palette" })).toHaveCount(0);
    await expect(compose).toBeFocused();

    // The open message's actions are commands too.
    const client = await connectImap(mailbox);
    await client.append("INBOX", "From: a@example.org\r\nSubject: Palette star\r\n\r\nHi\r\n", []);
    await client.logout();
    await page.goto("/mail/INBOX");
    await page.getByRole("link", { name: /Palette star/ }).click();
    await expect(page.getByRole("heading", { name: "Palette star", level: 1 })).toBeVisible();
    await page.waitForLoadState("networkidle");
    await page.keyboard.press("Control+k");
    await page.getByRole("combobox", { name: "Type a command or a folder name" }).fill("star");
    await expect(page.getByRole("option", { name: /^Star Messages$/ })).toHaveAttribute("aria-selected", "true");
    await page.keyboard.press("Enter");
    await expect(page.getByRole("status", { name: "Last action" })).toContainText("Starred 1 message.");
    await expect
      .poll(async () => {
        const check = await connectImap(mailbox);
        try {
          const lock = await check.getMailboxLock("INBOX");
          try {
            const found = await check.fetchOne("*", { flags: true });
            return found ? [...(found.flags ?? [])] : [];
          } finally {
            lock.release();
          }
        } finally {
          await check.logout();
        }
      })
      .toContain("\\Flagged");

    // Compose from the palette.
    await page.keyboard.press("Control+k");
    await page.getByRole("combobox", { name: "Type a command or a folder name" }).fill("compose");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/compose$/);
  } finally {
    await context.close();
  }
});
