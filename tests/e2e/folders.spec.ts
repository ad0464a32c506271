import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { newClientContext, signIn } from "../support/browser";
import { appendMessage, connectImap, createMailbox, type TestMailbox } from "../support/mail-server";

async function serverPaths(mailbox: TestMailbox): Promise<string[]> {
  const client = await connectImap(mailbox);
  try {
    return (await client.list()).map((entry) => entry.path);
  } finally {
    await client.logout();
  }
}

/** WCAG 2.2 AA problems axe finds on the page as it is now. */
async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze();
  return result.violations.flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(" ")}`));
}

function folderNav(page: Page) {
  return page.getByRole("navigation", { name: "Folders" });
}

test("Manage folders: create under a parent, rename, and delete with the message count in the warning", async ({ browser, baseURL }) => {
  const mailbox = createMailbox("managefolders");
  const context = await newClientContext(browser, baseURL);
  const page = await context.newPage();
  try {
    await signIn(page, mailbox);
    await page.goto("/settings/outgoing");
    await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Folders" }).click();
    await expect(page.getByRole("heading", { name: "Manage folders" })).toBeVisible();
    const all = page.getByRole("list", { name: "All folders" });

    // Special folders are listed without Rename or Delete.
    await expect(all.getByRole("listitem", { name: "Trash" })).toContainText("Special folder");
    await expect(page.getByRole("button", { name: "Delete Trash" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Rename Inbox" })).toHaveCount(0);

    // Create "Réunions 2026" at the top, then "Q&A "draft"" inside it.
    await page.getByRole("button", { name: "New folder" }).click();
    let dialog = page.getByRole("dialog", { name: "New folder" });
    await expect(dialog.getByLabel("Folder name")).toBeFocused();
    await dialog.getByLabel("Folder name").fill("Réunions 2026");
    await dialog.getByRole("button", { name: "Create folder" }).click();
    await expect(page.getByRole("status")).toHaveText("Created “Réunions 2026”.");
    await expect(dialog).toHaveCount(0);
    await expect(all.getByRole("listitem", { name: "Réunions 2026" })).toBeVisible();
    await expect(folderNav(page).getByRole("link", { name: "Réunions 2026" })).toBeVisible();

    await page.getByRole("button", { name: "New folder" }).click();
    dialog = page.getByRole("dialog", { name: "New folder" });
    await dialog.getByLabel("Folder name").fill('Q&A "draft"');
    await dialog.getByLabel("Inside").selectOption({ label: "Réunions 2026" });
    await dialog.getByRole("button", { name: "Create folder" }).click();
    await expect(all.getByRole("listitem", { name: 'Réunions 2026 / Q&A "draft"' })).toBeVisible();
    expect(await serverPaths(mailbox)).toContain('Réunions 2026/Q&A "draft"');

    // A name with the hierarchy delimiter is refused with words, and nothing typed is lost.
    await page.getByRole("button", { name: "New folder" }).click();
    dialog = page.getByRole("dialog", { name: "New folder" });
    await dialog.getByLabel("Folder name").fill("a/b");
    await dialog.getByRole("button", { name: "Create folder" }).click();
    await expect(dialog.getByRole("alert")).toContainText("can't contain “/”");
    await expect(dialog.getByLabel("Folder name")).toHaveValue("a/b");
    await page.keyboard.press("Escape");
    await expect(dialog).toHaveCount(0);
    await expect(page.getByRole("button", { name: "New folder" })).toBeFocused();

    // Rename the nested folder.
    await page.getByRole("button", { name: 'Rename Réunions 2026 / Q&A "draft"' }).click();
    dialog = page.getByRole("dialog", { name: 'Rename “Q&A "draft"”' });
    await dialog.getByLabel("New name").fill("Minutes");
    await dialog.getByRole("button", { name: "Rename" }).click();
    await expect(all.getByRole("listitem", { name: "Réunions 2026 / Minutes" })).toBeVisible();
    expect(await serverPaths(mailbox)).toEqual(expect.arrayContaining(["Réunions 2026/Minutes"]));
    expect(await serverPaths(mailbox)).not.toContain('Réunions 2026/Q&A "draft"');

    // Delete a folder holding two messages: the warning says so; Cancel keeps it.
    await appendMessage(mailbox, { subject: "Agenda", folder: "Réunions 2026/Minutes" });
    await appendMessage(mailbox, { subject: "Notes", folder: "Réunions 2026/Minutes", flags: ["\\Seen"] });
    await page.reload();
    await expect(all.getByRole("listitem", { name: "Réunions 2026 / Minutes" })).toContainText("2 messages, 1 unread");
    await page.getByRole("button", { name: "Delete Réunions 2026 / Minutes" }).click();
    let confirm = page.getByRole("alertdialog", { name: "Delete “Réunions 2026 / Minutes”?" });
    await expect(confirm).toHaveAccessibleDescription("It holds 2 messages (1 unread). They will be deleted with it and can't be recovered.");
    await expect(confirm.getByRole("button", { name: "Cancel" })).toBeFocused();
    await confirm.getByRole("button", { name: "Cancel" }).click();
    expect(await serverPaths(mailbox)).toContain("Réunions 2026/Minutes");

    await page.getByRole("button", { name: "Delete Réunions 2026 / Minutes" }).click();
    confirm = page.getByRole("alertdialog", { name: "Delete “Réunions 2026 / Minutes”?" });
    await confirm.getByRole("button", { name: "Delete folder" }).click();
    await expect(page.getByRole("status")).toHaveText("Deleted “Réunions 2026 / Minutes”.");
    await expect(all.getByRole("listitem", { name: "Réunions 2026 / Minutes" })).toHaveCount(0);
    expect(await serverPaths(mailbox)).not.toContain("Réunions 2026/Minutes");

    // An empty folder's warning says it is empty.
    await page.getByRole("button", { name: "Delete Réunions 2026", exact: true }).click();
    confirm = page.getByRole("alertdialog", { name: "Delete “Réunions 2026”?" });
    await expect(confirm).toHaveAccessibleDescription("It is empty.");
    await confirm.getByRole("button", { name: "Delete folder" }).click();
    await expect(folderNav(page).getByRole("link", { name: "Réunions 2026" })).toHaveCount(0);
  } finally {
    await context.close();
  }
});

test("Manage folders: unsubscribe hides a folder from Folders; Empty Trash asks first", async ({ browser, baseURL }) => {
  const mailbox = createMailbox("trashfolders");
  const setup = await connectImap(mailbox);
  await setup.mailboxCreate("Newsletters");
  await setup.logout();
  for (const subject of ["Old 1", "Old 2", "Old 3"]) await appendMessage(mailbox, { subject, folder: "Trash", flags: ["\\Seen"] });
  const context = await newClientContext(browser, baseURL);
  const page = await context.newPage();
  try {
    await signIn(page, mailbox);
    await page.goto("/settings/folders");
    await expect(folderNav(page).getByRole("link", { name: "Newsletters" })).toBeVisible();
    const subscribed = page.getByRole("checkbox", { name: "Show Newsletters in Folders" });
    await expect(subscribed).toBeChecked();
    await expect(page.getByRole("checkbox", { name: "Show Inbox in Folders" })).toBeDisabled();
    await subscribed.uncheck();
    await expect(folderNav(page).getByRole("link", { name: "Newsletters" })).toHaveCount(0);
    await expect(subscribed).not.toBeChecked();
    await subscribed.check();
    await expect(folderNav(page).getByRole("link", { name: "Newsletters" })).toBeVisible();

    await page.getByRole("button", { name: "Empty Trash" }).click();
    const confirm = page.getByRole("alertdialog", { name: "Empty Trash?" });
    await expect(confirm).toHaveAccessibleDescription("3 messages in Trash will be deleted for good.");
    expect(await axeViolations(page)).toEqual([]);
    await confirm.getByRole("button", { name: "Empty Trash" }).click();
    await expect(page.getByRole("status")).toHaveText("Deleted 3 messages from Trash.");
    await expect(page.getByRole("list", { name: "All folders" }).getByRole("listitem", { name: "Trash" })).toContainText("0 messages");
    await expect(page.getByRole("button", { name: "Empty Trash" })).toBeDisabled();
  } finally {
    await context.close();
  }
});

test("the unread count of a folder other than the open one follows new mail without a reload", async ({ browser, baseURL }) => {
  const mailbox = createMailbox("navcounts");
  const setup = await connectImap(mailbox);
  await setup.mailboxCreate("Lists");
  await setup.logout();
  const context = await newClientContext(browser, baseURL);
  const page = await context.newPage();
  try {
    await signIn(page, mailbox);
    await page.goto("/mail/INBOX");
    const lists = folderNav(page).getByRole("link", { name: /^Lists/ });
    await expect(lists).toHaveAccessibleName("Lists");
    // Proves no reload happens: a value on window survives only within the same document.
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));

    await appendMessage(mailbox, { subject: "Digest one", folder: "Lists" });
    await appendMessage(mailbox, { subject: "Digest two", folder: "Lists" });
    // The navigation asks for every folder's counts each 30 s while the tab is visible.
    await expect(lists).toHaveAccessibleName("Lists 2 unread", { timeout: 45_000 });
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
  } finally {
    await context.close();
  }
});

test("dragging a message row, or a selection, onto a folder moves it there, with Undo", async ({ browser, baseURL }) => {
  const mailbox = createMailbox("dragdrop");
  const setup = await connectImap(mailbox);
  await setup.mailboxCreate("Receipts");
  await setup.logout();
  await appendMessage(mailbox, { subject: "Stays put" });
  await appendMessage(mailbox, { subject: "Invoice 41", from: "Shop <shop@example.org>" });
  await appendMessage(mailbox, { subject: "Invoice 42", from: "Shop <shop@example.org>" });
  const context = await newClientContext(browser, baseURL);
  const page = await context.newPage();
  const counts = async () => {
    const client = await connectImap(mailbox);
    try {
      return [await client.status("INBOX", { messages: true }), await client.status("Receipts", { messages: true })].map((status) => (status ? status.messages : -1));
    } finally {
      await client.logout();
    }
  };
  try {
    await signIn(page, mailbox);
    await page.goto("/mail/INBOX");
    await page.waitForLoadState("networkidle");
    const messages = page.getByRole("list", { name: "Messages" });
    const invoice42 = messages.getByRole("link", { name: /from Shop, Invoice 42/ });
    const receipts = folderNav(page).getByRole("link", { name: /^Receipts/ });
    const notice = page.getByRole("status", { name: "Last action" });

    // One row.
    await invoice42.dragTo(receipts);
    await expect(notice).toContainText("Moved 1 message to Receipts.");
    await expect(invoice42).toHaveCount(0);
    await expect(messages.getByRole("link", { name: /Stays put/ })).toBeVisible();
    await expect(receipts).toHaveAccessibleName("Receipts 1 unread");
    expect(await counts()).toEqual([2, 1]);

    await notice.getByRole("button", { name: "Undo" }).click();
    await expect(invoice42).toBeVisible();
    await expect(receipts).toHaveAccessibleName("Receipts");
    expect(await counts()).toEqual([3, 0]);

    // A selection: dragging one of its rows takes all of them.
    await messages.getByRole("checkbox", { name: /Invoice 41/ }).check();
    await messages.getByRole("checkbox", { name: /Invoice 42/ }).check();
    await invoice42.dragTo(receipts);
    await expect(notice).toContainText("Moved 2 messages to Receipts.");
    await expect(messages.getByRole("link", { name: /Invoice/ })).toHaveCount(0);
    await expect(receipts).toHaveAccessibleName("Receipts 2 unread");
    expect(await counts()).toEqual([1, 2]);
  } finally {
    await context.close();
  }
});
