import { randomBytes } from "node:crypto";
import { expect, test, type Route } from "@playwright/test";
import { startApp, testAppEnv, type AppServer } from "../support/app-server";
import { newClientContext, signIn } from "../support/browser";
import { appendMessage, createMailbox } from "../support/mail-server";
import { countMessages, waitForMessage } from "../support/wait-for-message";

test("compose with an attachment and send: the recipient gets text, HTML and the file", async ({ browser, baseURL }) => {
  const sender = createMailbox("compose");
  const recipient = createMailbox("inbox");
  const context = await newClientContext(browser, baseURL);
  const page = await context.newPage();
  await signIn(page, sender);
  await page.goto("/compose");
  // The Message editor appears once the page is interactive: typing before that would be lost.
  await expect(page.getByRole("textbox", { name: "Message" })).toBeVisible();

  await expect(page.getByLabel("From")).toHaveValue(sender.email);
  await page.getByRole("combobox", { name: "To" }).fill(recipient.email);
  await page.getByRole("button", { name: "Add Cc" }).click();
  await expect(page.getByRole("combobox", { name: "Cc" })).toBeVisible();
  await page.getByRole("button", { name: "Add Bcc" }).click();
  await expect(page.getByRole("combobox", { name: "Bcc" })).toBeVisible();
  const subject = `Quarterly numbers ${randomBytes(3).toString("hex")}`;
  await page.getByLabel("Subject").fill(subject);
  const message = page.getByRole("textbox", { name: "Message" });
  await message.click();
  await page.getByRole("button", { name: "Bold" }).click();
  await page.keyboard.type("Numbers");
  await page.getByRole("button", { name: "Bold" }).click();
  await page.keyboard.type(" are in the attached file.");

  const bytes = randomBytes(200_000);
  await page.getByLabel("Attach files").setInputFiles({ name: "numbers.bin", mimeType: "application/octet-stream", buffer: bytes });
  await expect(page.getByRole("list", { name: "Attached files" })).toContainText("numbers.bin");

  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Sending…" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Message sent." })).toBeVisible({ timeout: 30_000 });

  const received = await waitForMessage(recipient, subject);
  expect(received.text).toContain("Numbers are in the attached file.");
  expect(received.html).toContain("<strong>Numbers</strong>");
  expect(received.attachments.find((a) => a.filename === "numbers.bin")?.content.equals(bytes)).toBe(true);
  // The Sent copy is there and the draft is gone.
  expect((await waitForMessage(sender, subject, "Sent")).attachments).toHaveLength(1);
  expect(await countMessages(sender, "Drafts", subject)).toBe(0);

  // The recipient is now a contact: autocomplete offers it in a new message.
  await page.goto("/compose");
  await expect(page.getByRole("textbox", { name: "Message" })).toBeVisible();
  await page.getByRole("combobox", { name: "To" }).fill(recipient.email.slice(0, 8));
  const option = page.getByRole("option", { name: new RegExp(recipient.email) });
  await expect(option).toBeVisible();
  await option.click();
  await expect(page.getByRole("list", { name: "To recipients" }).getByRole("listitem")).toHaveCount(1);
  await expect(page.getByRole("button", { name: `Remove ${recipient.email}` })).toBeVisible();
  await expect(page.getByRole("combobox", { name: "To" })).toHaveValue("");
  await context.close();
});

test("people the user received mail from are offered as recipients", async ({ browser, baseURL }) => {
  const me = createMailbox("contacts-in");
  const tag = randomBytes(3).toString("hex");
  await appendMessage(me, { subject: `Hello from Zelda ${tag}`, from: `Zelda Quartermaine <zelda-${tag}@example.org>` });
  const context = await newClientContext(browser, baseURL);
  const page = await context.newPage();
  await signIn(page, me);
  await page
    .getByRole("list", { name: "Messages" })
    .getByRole("link", { name: new RegExp(`Hello from Zelda ${tag}`) })
    .click();
  await expect(page.getByRole("article", { name: `Hello from Zelda ${tag}` })).toBeVisible();
  await page.goto("/compose");
  await expect(page.getByRole("textbox", { name: "Message" })).toBeVisible();
  await page.getByRole("combobox", { name: "To" }).fill("Quarterm");
  await expect(page.getByRole("option", { name: new RegExp(`zelda-${tag}@example.org`) })).toBeVisible();
  await context.close();
});

test("autosave keeps the draft across a reload, one version in Drafts", async ({ browser, baseURL }) => {
  const sender = createMailbox("autosave");
  const context = await newClientContext(browser, baseURL);
  const page = await context.newPage();
  await signIn(page, sender);
  await page.goto("/compose");
  await expect(page.getByRole("textbox", { name: "Message" })).toBeVisible();
  const subject = `Half-written ${randomBytes(3).toString("hex")}`;
  await page.getByRole("combobox", { name: "To" }).fill("colleague@mailroom.test");
  await page.getByLabel("Subject").fill(subject);
  await page.getByRole("textbox", { name: "Message" }).click();
  await page.keyboard.type("First thoughts");
  await expect(page.getByRole("status").filter({ hasText: "Draft saved" })).toBeVisible({ timeout: 10_000 });
  await page.keyboard.type(", second thoughts");
  await expect(page).toHaveURL(/\/compose\?draft=\d+/);
  await page.waitForTimeout(3_000);

  await page.reload();
  await expect(page.getByLabel("Subject")).toHaveValue(subject);
  await expect(page.getByRole("list", { name: "To recipients" }).getByRole("listitem")).toHaveCount(1);
  await expect(page.getByRole("button", { name: "Remove colleague@mailroom.test" })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Message" })).toHaveText("First thoughts, second thoughts");
  expect(await countMessages(sender, "Drafts", subject)).toBe(1);
  await context.close();
});

test("warns before sending: an attachment is mentioned but missing, and a recipient is outside the company", async ({ browser, baseURL }) => {
  const sender = createMailbox("warn");
  const recipient = createMailbox("warned");
  const context = await newClientContext(browser, baseURL);
  const page = await context.newPage();
  await signIn(page, sender);
  await page.goto("/compose");
  await expect(page.getByRole("textbox", { name: "Message" })).toBeVisible();
  const subject = `Warnings ${randomBytes(3).toString("hex")}`;
  await page.getByRole("combobox", { name: "To" }).fill(`${recipient.email}, partner@elsewhere.example`);
  await page.getByLabel("Subject").fill(subject);
  await page.getByRole("textbox", { name: "Message" }).click();
  await page.keyboard.type("Please find the contract attached.");
  await page.getByRole("button", { name: "Send" }).click();

  const dialog = page.getByRole("alertdialog", { name: "Send this message?" });
  await expect(dialog).toContainText("mentions an attachment, but nothing is attached");
  await expect(dialog).toContainText("outside your company: partner@elsewhere.example");
  await dialog.getByRole("button", { name: "Go back" }).click();
  await expect(dialog).toBeHidden();

  // Only the attachment warning remains with an internal recipient; "Send anyway" sends.
  await page.getByRole("button", { name: "Remove partner@elsewhere.example" }).click();
  await expect(page.getByRole("list", { name: "To recipients" }).getByRole("listitem")).toHaveCount(1);
  await expect(page.getByRole("button", { name: `Remove ${recipient.email}` })).toBeVisible();
  await page.getByRole("button", { name: "Send" }).click();
  await expect(dialog).toContainText("mentions an attachment");
  await expect(dialog).not.toContainText("outside your company");
  await dialog.getByRole("button", { name: "Send anyway" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Message sent." })).toBeVisible({ timeout: 30_000 });
  expect((await waitForMessage(recipient, subject)).text).toContain("Please find the contract attached.");
  await context.close();
});

test("when the server can't be reached, Send keeps the message and says so; the next try sends", async ({ browser, baseURL }) => {
  const sender = createMailbox("offline");
  const recipient = createMailbox("online");
  const context = await newClientContext(browser, baseURL);
  const page = await context.newPage();
  await signIn(page, sender);
  await page.goto("/compose");
  await expect(page.getByRole("textbox", { name: "Message" })).toBeVisible();
  const subject = `Unreachable ${randomBytes(3).toString("hex")}`;
  await page.getByRole("combobox", { name: "To" }).fill(recipient.email);
  await page.getByLabel("Subject").fill(subject);
  const message = page.getByRole("textbox", { name: "Message" });
  await message.click();
  await page.keyboard.type("Nothing here may be lost.");

  // Server actions post to the page's own URL: drop them as a lost connection would.
  const offline = (route: Route) => (route.request().method() === "POST" ? route.abort("internetdisconnected") : route.continue());
  await page.route("**/compose**", offline);
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "couldn't reach the server" })).toBeVisible();
  await expect(message).toHaveText("Nothing here may be lost.");
  await expect(page.getByLabel("Subject")).toHaveValue(subject);
  await expect(page.getByRole("button", { name: "Send" })).toBeEnabled();

  await page.unroute("**/compose**", offline);
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Message sent." })).toBeVisible({ timeout: 30_000 });
  expect((await waitForMessage(recipient, subject)).text).toContain("Nothing here may be lost.");
  await context.close();
});

test.describe("attachment limits (an instance with 1 MB per file, 2 MB per message)", () => {
  let app: AppServer;
  test.beforeAll(async () => {
    app = await startApp(testAppEnv({ MAILROOM_ATTACHMENT_MAX_MB: "1", MAILROOM_MESSAGE_MAX_MB: "2" }));
  });
  test.afterAll(async () => {
    await app?.stop();
  });

  test("shows upload progress, and refuses files over the per-file or total limit with a clear error", async ({ browser }) => {
    const sender = createMailbox("limit");
    const context = await newClientContext(browser, app.url);
    const page = await context.newPage();
    await signIn(page, sender);
    await page.goto("/compose");
    await expect(page.getByRole("textbox", { name: "Message" })).toBeVisible();
    await expect(page.getByRole("textbox", { name: "Message" })).toBeVisible();
    const picker = page.getByLabel("Attach files");

    // A slow upload shows a progress bar with its percentage.
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 300 * 1024 });
    await picker.setInputFiles({ name: "first.bin", mimeType: "application/octet-stream", buffer: Buffer.alloc(900 * 1024, 1) });
    const progress = page.getByRole("progressbar", { name: "Uploading first.bin" });
    await expect(progress).toBeVisible();
    await expect(progress).toHaveAttribute("aria-valuenow", /^\d+$/);
    await expect(page.getByRole("list", { name: "Attached files" })).toContainText("first.bin");
    await expect(progress).toBeHidden();
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

    await picker.setInputFiles({ name: "huge.bin", mimeType: "application/octet-stream", buffer: Buffer.alloc(1536 * 1024) });
    await expect(page.getByRole("alert").filter({ hasText: "“huge.bin” is 1.5 MB; an attachment can be at most 1 MB." })).toBeVisible();

    await picker.setInputFiles({ name: "second.bin", mimeType: "application/octet-stream", buffer: Buffer.alloc(900 * 1024, 2) });
    await expect(page.getByRole("list", { name: "Attached files" })).toContainText("second.bin");
    await picker.setInputFiles({ name: "third.bin", mimeType: "application/octet-stream", buffer: Buffer.alloc(900 * 1024, 3) });
    await expect(page.getByRole("alert").filter({ hasText: "“third.bin” was not attached: all attachments together can be at most 2 MB." })).toBeVisible();
    await expect(page.getByRole("list", { name: "Attached files" }).getByRole("listitem")).toHaveCount(2);

    // The server enforces the limit too, whatever the browser does.
    const response = await page.request.post("/api/uploads", {
      data: Buffer.alloc(1024 * 1024 + 1),
      headers: { "content-type": "application/octet-stream", "x-file-name": "big.bin" },
    });
    expect(response.status()).toBe(413);
    expect((await response.json()).error).toContain("larger than 1 MB");
    await context.close();
  });
});
