import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { newClientContext, signIn } from "../support/browser";
import { openList, rowLink } from "../support/list-page";
import { connectImap, createMailbox, type TestMailbox } from "../support/mail-server";

/** Appends messages oldest first, so the list shows the last one on top; returns their Message-IDs. */
async function fill(mailbox: TestMailbox, subjects: string[]): Promise<string[]> {
  const client = await connectImap(mailbox);
  try {
    const start = Date.now() - subjects.length * 60_000;
    const ids: string[] = [];
    for (const [index, subject] of subjects.entries()) {
      const date = new Date(start + index * 60_000);
      const messageId = `<${randomBytes(8).toString("hex")}@example.org>`;
      const raw = [
        "From: Paula Sender <paula@example.org>",
        `To: ${mailbox.email}`,
        `Subject: ${subject}`,
        `Date: ${date.toUTCString()}`,
        `Message-ID: ${messageId}`,
        "Content-Type: text/plain; charset=utf-8",
        "",
        `Body of ${subject}.`,
        "",
      ].join("\r\n");
      await client.append("INBOX", raw, ["\\Seen"], date);
      ids.push(messageId);
    }
    return ids;
  } finally {
    await client.logout();
  }
}

async function foldersHolding(mailbox: TestMailbox, messageId: string, folders: string[]): Promise<string[]> {
  const client = await connectImap(mailbox);
  try {
    const found: string[] = [];
    for (const folder of folders) {
      const lock = await client.getMailboxLock(folder);
      try {
        const uids = (await client.search({ header: { "message-id": messageId } }, { uid: true })) || [];
        if (uids.length > 0) found.push(folder);
      } finally {
        lock.release();
      }
    }
    return found;
  } finally {
    await client.logout();
  }
}

test.describe("organising: the reader's own choices", () => {
  let mailbox: TestMailbox;
  let page: Page;

  test.beforeEach(async ({ browser, baseURL }) => {
    mailbox = createMailbox("choices");
    const context = await newClientContext(browser, baseURL);
    page = await context.newPage();
  });

  test.afterEach(async () => {
    await page.context().close();
  });

  test("with “Back to the list after Archive, Delete or Move” on, archiving in the message view returns to the list", async () => {
    await fill(mailbox, ["First item", "Second item", "Third item"]);
    await signIn(page, mailbox);
    await openList(page, "INBOX");
    await rowLink(page, "Second item").click();
    await expect(page.getByRole("heading", { level: 1, name: "Second item" })).toBeVisible();
    const setting = page.getByRole("checkbox", { name: "Back to the list after Archive, Delete or Move" });
    await expect(setting).not.toBeChecked();
    await setting.check();
    await expect(setting).toBeChecked();
    await expect(setting).toBeEnabled();
    await page.getByRole("toolbar", { name: "Organise message" }).getByRole("button", { name: "Archive" }).click();
    await expect(page).toHaveURL(/\/mail\/INBOX(\?|$)/);
    await expect(rowLink(page, "First item")).toBeVisible();
    await expect(rowLink(page, "Second item")).toBeHidden();

    // The choice is remembered: the next message's view shows it on.
    await rowLink(page, "First item").click();
    await expect(page.getByRole("checkbox", { name: "Back to the list after Archive, Delete or Move" })).toBeChecked();
  });

  test("a folder chosen as Archive in Settings → Folders is where Archive moves mail", async () => {
    const [messageId] = await fill(mailbox, ["Keep this"]);
    const client = await connectImap(mailbox);
    await client.mailboxCreate("Old mail");
    await client.logout();
    await signIn(page, mailbox);
    await page.goto("/settings/folders");
    const choice = page.getByRole("combobox", { name: "Archive folder" });
    await expect(choice).toHaveValue("");
    await choice.selectOption({ label: "Old mail" });
    await expect(choice).toHaveValue("Old mail");
    await expect(choice).toBeEnabled();
    await page.reload();
    await expect(page.getByRole("combobox", { name: "Archive folder" })).toHaveValue("Old mail");

    await openList(page, "INBOX");
    await rowLink(page, "Keep this").focus();
    await page.keyboard.press("e");
    await expect(page.getByRole("status", { name: "Last action" })).toContainText("Archived 1 message.");
    expect(await foldersHolding(mailbox, messageId!, ["INBOX", "Archive", "Old mail"])).toEqual(["Old mail"]);

    // Back to Automatic: Archive is the server's Archive again.
    await page.goto("/settings/folders");
    await page.getByRole("combobox", { name: "Archive folder" }).selectOption({ value: "" });
    await expect(page.getByRole("combobox", { name: "Archive folder" })).toBeEnabled();
    await page.reload();
    await expect(page.getByRole("combobox", { name: "Archive folder" })).toHaveValue("");
  });

  test("“* a” selects every message on the page and “* n” clears the selection", async () => {
    const subjects = ["Note one", "Note two", "Note three", "Note four"];
    await fill(mailbox, subjects);
    await signIn(page, mailbox);
    await openList(page, "INBOX");
    await rowLink(page, "Note two").focus();
    await page.keyboard.press("*");
    await page.keyboard.press("a");
    const selection = page.getByRole("toolbar", { name: "Selected messages" });
    await expect(selection).toContainText("4 selected");
    for (const subject of subjects) await expect(page.getByRole("checkbox", { name: `Select message from Paula Sender: ${subject}` })).toBeChecked();
    // "a" after "*" is not Reply all: still on the list.
    await expect(page).toHaveURL(/\/mail\/INBOX(\?|$)/);
    await page.keyboard.press("*");
    await page.keyboard.press("n");
    await expect(selection).toBeHidden();
    let unchecked = 0;
    for (const subject of subjects) {
      await expect(page.getByRole("checkbox", { name: `Select message from Paula Sender: ${subject}` })).not.toBeChecked();
      unchecked += 1;
    }
    expect(unchecked).toBe(subjects.length);
  });

  test("a row's star and unread mark change at once, before the server has answered", async () => {
    await fill(mailbox, ["Slow server"]);
    await signIn(page, mailbox);
    await openList(page, "INBOX");
    const row = page
      .getByRole("list", { name: "Messages" })
      .getByRole("listitem")
      .filter({ has: page.getByRole("link", { name: /, Slow server$/ }) });
    await expect(row.getByText("★")).toBeHidden();
    // Hold every server action for 4 s: the marks must not wait for them.
    let held = 0;
    await page.route("**/mail/INBOX**", async (route) => {
      if (route.request().method() === "POST" && route.request().headers()["next-action"]) {
        held += 1;
        await new Promise((resolve) => setTimeout(resolve, 4_000));
      }
      await route.continue();
    });
    await rowLink(page, "Slow server").hover();
    await row.getByRole("button", { name: "Star", exact: true }).click();
    await expect(row.getByText("★")).toBeVisible({ timeout: 2_000 });
    await row.getByRole("button", { name: "Mark as unread" }).click();
    await expect(rowLink(page, "Slow server").getByText("Slow server", { exact: true })).toHaveCSS("font-weight", "600", { timeout: 2_000 });
    expect(held).toBeGreaterThan(0);
    // And the server's answer agrees.
    await expect(rowLink(page, "Slow server")).toHaveAccessibleName(/^Unread, starred, from Paula Sender, Slow server$/, { timeout: 15_000 });
  });
});
