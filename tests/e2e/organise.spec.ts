import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { newClientContext, signIn } from "../support/browser";
import { focusFirstRowByKey, openList, rowLink } from "../support/list-page";
import { connectImap, createMailbox, type TestMailbox } from "../support/mail-server";

interface Seeded {
  subject: string;
  messageId: string;
}

/** Appends messages oldest first (one connection), so the list shows the last one on top. */
async function fill(mailbox: TestMailbox, folder: string, subjects: string[], flags: string[] = ["\\Seen"]): Promise<Seeded[]> {
  const client = await connectImap(mailbox);
  try {
    if (folder !== "INBOX") await client.mailboxCreate(folder);
    const start = Date.now() - subjects.length * 60_000;
    const seeded: Seeded[] = [];
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
      await client.append(folder, raw, flags, date);
      seeded.push({ subject, messageId });
    }
    return seeded;
  } finally {
    await client.logout();
  }
}

/** A conversation of three messages (References), oldest first, and one unrelated message after it. */
async function fillThread(mailbox: TestMailbox): Promise<string[]> {
  const client = await connectImap(mailbox);
  try {
    const ids = ["<t1@example.org>", "<t2@example.org>", "<t3@example.org>"];
    const start = Date.now() - 10 * 60_000;
    const messages = [
      { subject: "Budget", id: ids[0]!, references: [] as string[] },
      { subject: "Re: Budget", id: ids[1]!, references: [ids[0]!] },
      { subject: "Re: Budget", id: ids[2]!, references: [ids[0]!, ids[1]!] },
      { subject: "Lunch", id: "<lunch@example.org>", references: [] as string[] },
    ];
    for (const [index, message] of messages.entries()) {
      const date = new Date(start + index * 60_000);
      const raw = [
        "From: Paula Sender <paula@example.org>",
        `To: ${mailbox.email}`,
        `Subject: ${message.subject}`,
        `Date: ${date.toUTCString()}`,
        `Message-ID: ${message.id}`,
        ...(message.references.length ? [`In-Reply-To: ${message.references.at(-1)}`, `References: ${message.references.join(" ")}`] : []),
        "Content-Type: text/plain; charset=utf-8",
        "",
        `Body ${index}.`,
        "",
      ].join("\r\n");
      await client.append("INBOX", raw, ["\\Seen"], date);
    }
    return ids;
  } finally {
    await client.logout();
  }
}

/** Folders holding a message with this Message-ID, with its flags there. */
async function whereIs(mailbox: TestMailbox, messageId: string): Promise<{ folder: string; flags: string[] }[]> {
  const client = await connectImap(mailbox);
  try {
    const found: { folder: string; flags: string[] }[] = [];
    for (const folder of ["INBOX", "Archive", "Trash", "Junk"]) {
      const lock = await client.getMailboxLock(folder);
      try {
        const uids = (await client.search({ header: { "message-id": messageId } }, { uid: true })) || [];
        for (const message of uids.length ? await client.fetchAll(uids.join(","), { uid: true, flags: true }, { uid: true }) : []) {
          found.push({ folder, flags: [...(message.flags ?? [])].filter((flag) => flag !== "\\Recent").sort() });
        }
      } finally {
        lock.release();
      }
    }
    return found;
  } finally {
    await client.logout();
  }
}

async function folderSize(mailbox: TestMailbox, folder: string): Promise<number> {
  const client = await connectImap(mailbox);
  try {
    const status = await client.status(folder, { messages: true });
    return status ? (status.messages ?? 0) : -1;
  } finally {
    await client.logout();
  }
}

test.describe("organising mail", () => {
  let mailbox: TestMailbox;
  let page: Page;

  test.beforeEach(async ({ browser, baseURL }) => {
    mailbox = createMailbox("organise");
    const context = await newClientContext(browser, baseURL);
    page = await context.newPage();
  });

  test.afterEach(async () => {
    await page.context().close();
  });

  test("the toolbar's Archive opens the next message, and Undo puts the very message back in the inbox", async () => {
    const [alpha, bravo] = await fill(mailbox, "INBOX", ["Alpha note", "Bravo note", "Charlie note"], ["\\Seen", "\\Flagged"]);
    await signIn(page, mailbox);
    await openList(page, "INBOX");
    await rowLink(page, "Bravo note").click();
    await expect(page.getByRole("heading", { level: 1, name: "Bravo note" })).toBeVisible();
    const toolbar = page.getByRole("toolbar", { name: "Organise message" });
    await expect(toolbar.getByRole("button", { name: "Unstar" })).toBeVisible();
    for (const name of ["Delete", "Move to…", "Copy to…", "Mark as unread", "Report junk"]) await expect(toolbar.getByRole("button", { name, exact: true })).toBeVisible();

    await toolbar.getByRole("button", { name: "Archive" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Alpha note" })).toBeVisible();
    await expect(page.getByRole("status", { name: "Last action" })).toContainText("Archived 1 message.");
    expect(await whereIs(mailbox, bravo!.messageId)).toEqual([{ folder: "Archive", flags: ["\\Flagged", "\\Seen"] }]);

    await page.getByRole("status", { name: "Last action" }).getByRole("button", { name: "Undo" }).click();
    await expect(page.getByRole("status", { name: "Last action" })).toContainText("Undone.");
    expect(await whereIs(mailbox, bravo!.messageId)).toEqual([{ folder: "INBOX", flags: ["\\Flagged", "\\Seen"] }]);
    expect(await whereIs(mailbox, alpha!.messageId)).toEqual([{ folder: "INBOX", flags: ["\\Flagged", "\\Seen"] }]);
    await page.goto("/mail/INBOX");
    await expect(rowLink(page, "Bravo note")).toBeVisible();
  });

  test("Move to… picks a folder by typing part of its name", async () => {
    const [only] = await fill(mailbox, "INBOX", ["Quarterly report"]);
    const client = await connectImap(mailbox);
    await client.mailboxCreate(`Kunden "Müller" & Söhne`);
    await client.logout();
    await signIn(page, mailbox);
    await openList(page, "INBOX");
    await rowLink(page, "Quarterly report").click();
    await page.getByRole("toolbar", { name: "Organise message" }).getByRole("button", { name: "Move to…" }).click();
    const dialog = page.getByRole("dialog", { name: "Move to folder" });
    await dialog.getByLabel("Find a folder").fill("müll");
    await expect(dialog.getByRole("button", { name: `Kunden "Müller" & Söhne` })).toBeVisible();
    await expect(dialog.getByRole("list", { name: "Folders" }).getByRole("button")).toHaveCount(1);
    await dialog.getByLabel("Find a folder").press("Enter");
    await expect(page.getByRole("status", { name: "Last action" })).toContainText(`Moved 1 message to Kunden "Müller" & Söhne.`);
    await expect(page).toHaveURL(/\/mail\/INBOX(\?|$)/);
    const moved = await connectImap(mailbox);
    try {
      const lock = await moved.getMailboxLock(`Kunden "Müller" & Söhne`);
      try {
        expect(await moved.search({ header: { "message-id": only!.messageId } }, { uid: true })).toHaveLength(1);
      } finally {
        lock.release();
      }
    } finally {
      await moved.logout();
    }
  });

  test("row checkboxes with a shift-click range, a bulk Delete from the selection toolbar, and Undo", async () => {
    const seeded = await fill(
      mailbox,
      "INBOX",
      ["One", "Two", "Three", "Four", "Five"].map((word) => `Item ${word}`),
    );
    await signIn(page, mailbox);
    await openList(page, "INBOX");
    await page.getByRole("checkbox", { name: "Select message from Paula Sender: Item Four" }).click();
    await page.getByRole("checkbox", { name: "Select message from Paula Sender: Item Two" }).click({ modifiers: ["Shift"] });
    const selection = page.getByRole("toolbar", { name: "Selected messages" });
    await expect(selection).toContainText("3 selected");
    await expect(page.getByRole("checkbox", { name: "Select message from Paula Sender: Item Three" })).toBeChecked();
    await expect(page.getByRole("checkbox", { name: "Select message from Paula Sender: Item Five" })).not.toBeChecked();

    await selection.getByRole("button", { name: "Delete", exact: true }).click();
    await expect(rowLink(page, "Item Three")).toBeHidden();
    await expect(page.getByRole("status", { name: "Last action" })).toContainText("Moved 3 messages to Trash.");
    await expect(page.getByRole("list", { name: "Messages" }).getByRole("link")).toHaveCount(2);
    expect(await folderSize(mailbox, "Trash")).toBe(3);

    await page.getByRole("status", { name: "Last action" }).getByRole("button", { name: "Undo" }).click();
    await expect(page.getByRole("status", { name: "Last action" })).toContainText("Undone.");
    await expect(page.getByRole("list", { name: "Messages" }).getByRole("link")).toHaveCount(5);
    expect(await folderSize(mailbox, "Trash")).toBe(0);
    expect(await whereIs(mailbox, seeded[2]!.messageId)).toEqual([{ folder: "INBOX", flags: ["\\Seen"] }]);
  });

  test("select all in the folder archives every message in chunks with a progress bar and a summary", async () => {
    // Appending 1,100 messages takes a while on a busy machine.
    test.setTimeout(180_000);
    const size = 1100;
    await fill(
      mailbox,
      "Bulk",
      Array.from({ length: size }, (_, i) => `Bulk ${i + 1}`),
    );
    await signIn(page, mailbox);
    await openList(page, "Bulk");
    await page.getByRole("checkbox", { name: "Select message from Paula Sender: Bulk 1100" }).click();
    const selection = page.getByRole("toolbar", { name: "Selected messages" });
    await selection.getByRole("button", { name: "Select all 50 on this page" }).click();
    await expect(selection).toContainText("50 selected");
    await selection.getByRole("button", { name: "Select all 1,100 conversations in this folder" }).click();
    await expect(selection).toContainText("All 1,100 conversations in this folder selected");
    await selection.getByRole("button", { name: "Archive" }).click();
    await expect(page.getByRole("progressbar", { name: "Progress" })).toBeVisible();
    await expect(page.getByRole("status", { name: "Last action" })).toContainText("Archived 1,100 messages.", { timeout: 60_000 });
    await expect(page.getByText("No messages here.")).toBeVisible();
    expect(await folderSize(mailbox, "Bulk")).toBe(0);
    expect(await folderSize(mailbox, "Archive")).toBe(size);
  });

  test("keys: s stars, e archives, z undoes, # deletes the focused row; never while typing", async () => {
    const [first, second] = await fill(mailbox, "INBOX", ["Key one", "Key two"]);
    await signIn(page, mailbox);
    await openList(page, "INBOX");
    await focusFirstRowByKey(page, rowLink(page, "Key two"));

    await page.keyboard.press("s");
    await expect(page.getByRole("status", { name: "Last action" })).toContainText("Starred 1 message.");
    await expect(rowLink(page, "Key two")).toHaveAccessibleName(/starred/);

    await page.keyboard.press("e");
    await expect(rowLink(page, "Key two")).toBeHidden();
    await expect(page.getByRole("status", { name: "Last action" })).toContainText("Archived 1 message.");
    await expect(rowLink(page, "Key one")).toBeFocused();
    expect((await whereIs(mailbox, second!.messageId)).map((place) => place.folder)).toEqual(["Archive"]);

    await page.keyboard.press("z");
    await expect(page.getByRole("status", { name: "Last action" })).toContainText("Undone.");
    await expect(rowLink(page, "Key two")).toBeVisible();
    expect(await whereIs(mailbox, second!.messageId)).toEqual([{ folder: "INBOX", flags: ["\\Flagged", "\\Seen"] }]);

    await rowLink(page, "Key one").focus();
    await page.keyboard.press("#");
    await expect(rowLink(page, "Key one")).toBeHidden();
    await expect(page.getByRole("status", { name: "Last action" })).toContainText("Moved 1 message to Trash.");
    expect((await whereIs(mailbox, first!.messageId)).map((place) => place.folder)).toEqual(["Trash"]);

    await rowLink(page, "Key two").focus();
    await page.keyboard.press("x");
    await expect(page.getByRole("checkbox", { name: "Select message from Paula Sender: Key two" })).toBeChecked();
    await expect(page.getByRole("toolbar", { name: "Selected messages" })).toContainText("1 selected");
    await page.keyboard.press("Shift+U");
    await expect(page.getByRole("status", { name: "Last action" })).toContainText("Marked 1 message as unread.");
    await expect(rowLink(page, "Key two")).toHaveAccessibleName(/^Unread, /);

    // Typed into a field, the same keys are only text.
    await page.getByRole("searchbox", { name: "Search mail" }).fill("");
    await page.getByRole("searchbox", { name: "Search mail" }).press("e");
    await expect(page.getByRole("searchbox", { name: "Search mail" })).toHaveValue("e");
    await expect(rowLink(page, "Key two")).toBeVisible();
  });

  test("a refused action rolls the row back and says why; in Trash, Delete forever asks first", async () => {
    const [kept] = await fill(mailbox, "INBOX", ["Stays here"]);
    await fill(mailbox, "Gone soon", []);
    await fill(mailbox, "Trash", ["Old rubbish"]);
    await signIn(page, mailbox);
    await openList(page, "INBOX");
    await page.getByRole("checkbox", { name: "Select message from Paula Sender: Stays here" }).click();
    const client = await connectImap(mailbox);
    await client.mailboxDelete("Gone soon");
    await client.logout();
    await page.getByRole("toolbar", { name: "Selected messages" }).getByRole("button", { name: "Move to…" }).click();
    await page.getByRole("dialog", { name: "Move to folder" }).getByRole("button", { name: "Gone soon" }).click();
    await expect(page.getByRole("alert", { name: "Last action" })).toContainText("The folder “Gone soon” no longer exists.");
    await expect(rowLink(page, "Stays here")).toBeVisible();
    expect((await whereIs(mailbox, kept!.messageId)).map((place) => place.folder)).toEqual(["INBOX"]);

    await openList(page, "Trash");
    const row = page.getByRole("list", { name: "Messages" }).getByRole("listitem").filter({ hasText: "Old rubbish" });
    await rowLink(page, "Old rubbish").hover();
    await row.getByRole("button", { name: "Delete", exact: true }).click();
    const confirm = page.getByRole("dialog", { name: "Delete forever?" });
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await expect(rowLink(page, "Old rubbish")).toBeVisible();
    expect(await folderSize(mailbox, "Trash")).toBe(1);
    await rowLink(page, "Old rubbish").hover();
    await row.getByRole("button", { name: "Delete", exact: true }).click();
    await confirm.getByRole("button", { name: "Delete forever" }).click();
    await expect(page.getByRole("status", { name: "Last action" })).toContainText("Deleted 1 message forever.");
    await expect(page.getByRole("status", { name: "Last action" }).getByRole("button", { name: "Undo" })).toHaveCount(0);
    expect(await folderSize(mailbox, "Trash")).toBe(0);
  });

  test("a conversation is archived as a whole, from its row and from the message, and Undo brings all of it back", async () => {
    const ids = await fillThread(mailbox);
    await signIn(page, mailbox);
    await openList(page, "INBOX");
    const thread = page.getByRole("list", { name: "Messages" }).getByRole("listitem").filter({ hasText: "Re: Budget" });
    await thread.getByRole("link").hover();
    await thread.getByRole("button", { name: "Archive" }).click();
    await expect(page.getByRole("status", { name: "Last action" })).toContainText("Archived 3 messages.");
    for (const id of ids) expect((await whereIs(mailbox, id)).map((place) => place.folder)).toEqual(["Archive"]);
    await page.getByRole("status", { name: "Last action" }).getByRole("button", { name: "Undo" }).click();
    await expect(page.getByRole("status", { name: "Last action" })).toContainText("Undone.");
    for (const id of ids) expect((await whereIs(mailbox, id)).map((place) => place.folder)).toEqual(["INBOX"]);

    await rowLink(page, "Re: Budget").click();
    await page.getByRole("toolbar", { name: "Organise message" }).getByRole("button", { name: "Archive" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Lunch" })).toBeVisible();
    await expect(page.getByRole("status", { name: "Last action" })).toContainText("Archived 3 messages.");
    for (const id of ids) expect((await whereIs(mailbox, id)).map((place) => place.folder)).toEqual(["Archive"]);
  });
});
