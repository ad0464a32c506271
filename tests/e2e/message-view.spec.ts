import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { newClientContext, signIn } from "../support/browser";
import { connectImap, createMailbox, type TestMailbox } from "../support/mail-server";

/** A stand-in for a remote image host: counts what is fetched from it. */
async function startImageHost() {
  const hits: string[] = [];
  // A 1x1 transparent GIF; the mail asks for it at 120x40, so it is no tracking pixel.
  const gif = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");
  const server = http.createServer((request, response) => {
    hits.push(request.url ?? "");
    response.writeHead(200, { "Content-Type": "image/gif" });
    response.end(gif);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, hits, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function appendRaw(mailbox: TestMailbox, raw: string, flags: string[] = []): Promise<number> {
  const client = await connectImap(mailbox);
  try {
    const result = await client.append("INBOX", raw.replace(/\r?\n/g, "\r\n"), flags);
    if (!result || !result.uid) throw new Error("APPEND returned no UID");
    return result.uid;
  } finally {
    await client.logout();
  }
}

async function isSeen(mailbox: TestMailbox, uid: number): Promise<boolean> {
  const client = await connectImap(mailbox);
  try {
    const lock = await client.getMailboxLock("INBOX");
    try {
      const message = await client.fetchOne(String(uid), { flags: true }, { uid: true });
      return Boolean(message && message.flags?.has("\\Seen"));
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
}

function htmlMessage(mailbox: TestMailbox, options: { subject: string; from: string; html: string }): string {
  const boundary = `b-${randomBytes(6).toString("hex")}`;
  return [
    `From: ${options.from}`,
    `To: Reader <${mailbox.email}>`,
    "Cc: Carol <carol@example.org>",
    `Subject: ${options.subject}`,
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: <${randomBytes(8).toString("hex")}@example.org>`,
    "X-Test-Header: visible-in-details",
    "MIME-Version: 1.0",
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    "",
    `--${boundary}`,
    "Content-Type: text/plain; charset=utf-8",
    "",
    "Plain version",
    `--${boundary}`,
    "Content-Type: text/html; charset=utf-8",
    "",
    options.html,
    `--${boundary}--`,
    "",
  ].join("\n");
}

const frameOf = (page: Page, subject: string) => page.frameLocator(`iframe[title="Message: ${subject}"]`);

test("a message opens as an article; remote content waits for the reader; opening marks it read", async ({ browser, baseURL }) => {
  const mailbox = createMailbox("view");
  const host = await startImageHost();
  try {
    const subject = `Quarterly numbers ${randomBytes(3).toString("hex")}`;
    const uid = await appendRaw(
      mailbox,
      htmlMessage(mailbox, {
        subject,
        from: "Alice Example <alice@example.org>",
        html: `<p>Hello from the <b>HTML</b> part.</p><img alt="logo" src="${host.url}/logo.gif" width="120" height="40"><img src="${host.url}/open.gif?id=1" width="1" height="1"><p><a href="https://evil.example/login">https://bank.example/login</a></p>`,
      }),
    );
    expect(await isSeen(mailbox, uid)).toBe(false);

    const context = await newClientContext(browser, baseURL);
    const page = await context.newPage();
    await signIn(page, mailbox);
    await page.goto(`/mail/INBOX/${uid}`);

    const article = page.getByRole("article", { name: subject });
    await expect(article).toBeVisible();
    await expect(article).toContainText("Alice Example");
    await expect(article).toContainText("alice@example.org");
    await expect(article).toContainText("carol@example.org");
    await expect(article.locator("time")).toHaveAttribute("datetime", /^\d{4}-\d\d-\d\dT/);

    // All headers behind "Show details".
    await expect(article.getByText("visible-in-details")).toHaveCount(0);
    await article.getByRole("button", { name: "Show details" }).click();
    await expect(article.getByText("visible-in-details")).toBeVisible();

    const frame = frameOf(page, subject);
    await expect(frame.getByText("Hello from the")).toBeVisible();
    const link = frame.getByRole("link", { name: "https://bank.example/login" });
    await expect(link).toHaveAttribute("target", "_blank");
    await expect(link).toHaveAttribute("rel", "noopener noreferrer");
    await expect(link).toHaveAttribute("title", "This link goes to evil.example, not bank.example");
    await expect(page.locator(`iframe[title="Message: ${subject}"]`)).toHaveAttribute("sandbox", "allow-same-origin allow-popups allow-popups-to-escape-sandbox");
    // Opened directly in a tab, the frame's document is sandboxed by its own CSP: its own sandbox.
    const frameSrc = await page.locator(`iframe[title="Message: ${subject}"]`).getAttribute("src");
    const direct = await page.request.get(frameSrc!);
    expect(direct.headers()["content-security-policy"]).toContain("sandbox allow-same-origin allow-popups allow-popups-to-escape-sandbox");
    const tab = await context.newPage();
    await tab.goto(frameSrc!);
    await expect(tab.getByText("Hello from the")).toBeVisible();
    await tab.close();

    const bar = page.getByRole("status").filter({ hasText: "Remote content is blocked" });
    await expect(bar).toBeVisible();
    await page.waitForTimeout(500);
    expect(host.hits).toEqual([]);
    await expect.poll(() => isSeen(mailbox, uid)).toBe(true);

    await bar.getByRole("button", { name: "Load remote content" }).click();
    await expect(bar).toHaveCount(0);
    await expect.poll(() => host.hits.filter((hit) => hit.startsWith("/logo.gif")).length).toBe(1);
    // The tracking pixel never loads, not even with remote content allowed.
    expect(host.hits.some((hit) => hit.startsWith("/open.gif"))).toBe(false);
    await context.close();
  } finally {
    await host.close();
  }
});

test("“Always from this sender” loads remote content now and after a reload", async ({ browser, baseURL }) => {
  const mailbox = createMailbox("always");
  const host = await startImageHost();
  try {
    const subject = `Newsletter ${randomBytes(3).toString("hex")}`;
    const uid = await appendRaw(
      mailbox,
      htmlMessage(mailbox, { subject, from: "News <news@example.net>", html: `<p>Weekly news</p><img alt="banner" src="${host.url}/banner.gif" width="300" height="80">` }),
    );
    const context = await newClientContext(browser, baseURL);
    const page = await context.newPage();
    await signIn(page, mailbox);
    await page.goto(`/mail/INBOX/${uid}`);
    const bar = page.getByRole("status").filter({ hasText: "Remote content is blocked" });
    await bar.getByRole("button", { name: "Always from this sender" }).click();
    await expect(bar).toHaveCount(0);
    await expect.poll(() => host.hits.length).toBeGreaterThan(0);

    // After a reload nothing needs clicking: the image loads again on its own.
    const before = host.hits.length;
    await page.reload();
    await expect(frameOf(page, subject).getByText("Weekly news")).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: "Remote content is blocked" })).toHaveCount(0);
    await expect.poll(() => host.hits.length).toBeGreaterThan(before);
    await context.close();
  } finally {
    await host.close();
  }
});

test("attachments download with safe headers; source and print views; plain text links and quotes", async ({ browser, baseURL }) => {
  const mailbox = createMailbox("attach");
  const bytes = randomBytes(3000);
  const boundary = "mixed-boundary-42";
  const subject = `Contract ${randomBytes(3).toString("hex")}`;
  const raw = [
    "From: Bob <bob@example.org>",
    `To: ${mailbox.email}`,
    `Subject: ${subject}`,
    `Date: ${new Date().toUTCString()}`,
    "X-Source-Marker: raw-source-check",
    "MIME-Version: 1.0",
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    "",
    `--${boundary}`,
    "Content-Type: text/plain; charset=utf-8",
    "",
    "See https://example.com/terms. Ignore javascript:alert(1) please.",
    "> quoted earlier words",
    "> more quoted",
    `--${boundary}`,
    "Content-Type: application/octet-stream",
    "Content-Transfer-Encoding: base64",
    "Content-Disposition: attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.bin",
    "",
    bytes.toString("base64").replace(/.{76}/g, "$&\n"),
    `--${boundary}--`,
    "",
  ].join("\n");
  const uid = await appendRaw(mailbox, raw);
  const context = await newClientContext(browser, baseURL);
  const page = await context.newPage();
  await signIn(page, mailbox);
  await page.goto(`/mail/INBOX/${uid}`);
  const article = page.getByRole("article", { name: subject });

  // Plain text: the web address is a link, javascript: is not; quoted lines fold away.
  await expect(article.getByRole("link", { name: "https://example.com/terms" })).toHaveAttribute("href", "https://example.com/terms");
  await expect(article.getByRole("link", { name: /javascript/ })).toHaveCount(0);
  const quote = article.locator("details").filter({ hasText: "quoted earlier words" });
  await expect(quote.getByText("quoted earlier words")).toBeHidden();
  await quote.getByText(/Quoted text/).click();
  await expect(quote.getByText("quoted earlier words")).toBeVisible();

  const attachments = article.getByRole("region", { name: "Attachments" });
  await expect(attachments).toContainText("résumé.bin");
  await expect(attachments).toContainText("application/octet-stream");
  const downloadPromise = page.waitForEvent("download");
  await attachments.getByRole("link", { name: "Download résumé.bin" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe("résumé.bin");
  expect(readFileSync(await download.path())).toEqual(bytes);

  const href = await attachments.getByRole("link", { name: "Download résumé.bin" }).getAttribute("href");
  const response = await page.request.get(href!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-disposition"]).toBe(`attachment; filename="resume.bin"; filename*=UTF-8''r%C3%A9sum%C3%A9.bin`);
  expect(response.headers()["x-content-type-options"]).toBe("nosniff");
  expect(response.headers()["content-security-policy"]).toBe("default-src 'none'; sandbox");
  expect(Buffer.from(await response.body())).toEqual(bytes);

  // View source: the raw message as plain text, in a new tab.
  const sourcePromise = context.waitForEvent("page");
  await article.getByRole("link", { name: "View source" }).click();
  const sourcePage = await sourcePromise;
  await expect(sourcePage.locator("body")).toContainText("X-Source-Marker: raw-source-check");
  const source = await page.request.get(`/api/messages/INBOX/${uid}/source`);
  expect(source.headers()["content-type"]).toBe("text/plain; charset=utf-8");
  expect(source.headers()["x-content-type-options"]).toBe("nosniff");
  await sourcePage.close();

  // Print: no app chrome; the Print button calls window.print().
  const printPage = await context.newPage();
  await printPage.addInitScript(() => {
    (window as unknown as { __printed: number }).__printed = 0;
    window.print = () => {
      (window as unknown as { __printed: number }).__printed++;
    };
  });
  await printPage.goto(
    await article
      .getByRole("link", { name: "Print" })
      .getAttribute("href")
      .then((value) => value!),
  );
  await expect(printPage.getByRole("article", { name: subject })).toBeVisible();
  await expect(printPage.getByRole("button", { name: "Sign out" })).toHaveCount(0);
  await expect(printPage.getByRole("navigation", { name: "Folders" })).toHaveCount(0);
  await printPage.getByRole("button", { name: "Print" }).click();
  expect(await printPage.evaluate(() => (window as unknown as { __printed: number }).__printed)).toBe(1);
  await context.close();
});

test("turning off “mark as read” leaves opened mail unread; a vanished message says so", async ({ browser, baseURL }) => {
  const mailbox = createMailbox("unread");
  const first = await appendRaw(mailbox, `From: a@example.org\nTo: ${mailbox.email}\nSubject: First\n\nOne\n`);
  const second = await appendRaw(mailbox, `From: a@example.org\nTo: ${mailbox.email}\nSubject: Second\n\nTwo\n`);
  const context = await newClientContext(browser, baseURL);
  const page = await context.newPage();
  await signIn(page, mailbox);
  await page.goto(`/mail/INBOX/${first}`);
  await expect(page.getByRole("article", { name: "First" })).toBeVisible();
  // Marked read by the shown page, just after it appears.
  await expect.poll(() => isSeen(mailbox, first)).toBe(true);

  const toggle = page.getByRole("checkbox", { name: "Mark messages as read when opened" });
  await expect(toggle).toBeChecked();
  await toggle.uncheck();
  await expect(toggle).not.toBeChecked();
  // Saved once the control is usable again.
  await expect(toggle).toBeEnabled();
  await page.goto(`/mail/INBOX/${second}`);
  await expect(page.getByRole("article", { name: "Second" })).toBeVisible();
  await expect(page.getByRole("checkbox", { name: "Mark messages as read when opened" })).not.toBeChecked();
  expect(await isSeen(mailbox, second)).toBe(false);

  await page.goto(`/mail/INBOX/${second + 1000}`);
  await expect(page.getByRole("heading", { name: "This message no longer exists" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await context.close();
});

test("with conversations on, a reply opens with the rest of its thread, folded except the opened one", async ({ browser, baseURL }) => {
  const mailbox = createMailbox("thread");
  const rootId = `<${randomBytes(8).toString("hex")}@example.org>`;
  const subject = `Lunch plans ${randomBytes(3).toString("hex")}`;
  await appendRaw(
    mailbox,
    `From: Dana <dana@example.org>\nTo: ${mailbox.email}\nSubject: ${subject}\nMessage-ID: ${rootId}\nDate: Mon, 6 Jan 2025 10:00:00 +0000\n\nNoon at the usual place?\n`,
  );
  const reply = await appendRaw(
    mailbox,
    `From: Eve <eve@example.org>\nTo: ${mailbox.email}\nSubject: Re: ${subject}\nMessage-ID: <${randomBytes(8).toString("hex")}@example.org>\nIn-Reply-To: ${rootId}\nReferences: ${rootId}\nDate: Mon, 6 Jan 2025 11:00:00 +0000\n\nCount me in.\n`,
  );
  const context = await newClientContext(browser, baseURL);
  const page = await context.newPage();
  await signIn(page, mailbox);
  await page.goto(`/mail/INBOX/${reply}`);
  await expect(page.getByText("2 messages in this conversation")).toBeVisible();
  await expect(page.getByRole("article", { name: `Re: ${subject}` })).toBeVisible();
  await expect(page.getByText("Count me in.")).toBeVisible();
  await expect(page.getByText("Noon at the usual place?")).toBeHidden();
  await page.locator("summary").filter({ hasText: "Dana" }).click();
  await expect(page.getByText("Noon at the usual place?")).toBeVisible();

  await page.getByRole("checkbox", { name: "Show the whole conversation" }).uncheck();
  await expect(page.getByText("2 messages in this conversation")).toHaveCount(0);
  await expect(page.getByRole("heading", { level: 1, name: `Re: ${subject}` })).toBeVisible();
  await context.close();
});

test("in a conversation, a folded message's HTML body is fetched only when the reader unfolds it", async ({ browser, baseURL }) => {
  const mailbox = createMailbox("thread-html");
  const rootId = `<${randomBytes(8).toString("hex")}@example.org>`;
  const subject = `Venue ${randomBytes(3).toString("hex")}`;
  const html = (text: string) => `Content-Type: text/html; charset=utf-8\n\n<p>${text}</p>\n`;
  const root = await appendRaw(
    mailbox,
    `From: Dana <dana@example.org>\nTo: ${mailbox.email}\nSubject: ${subject}\nMessage-ID: ${rootId}\nDate: Mon, 6 Jan 2025 10:00:00 +0000\n${html("The <b>old hall</b> or the new one?")}`,
  );
  const reply = await appendRaw(
    mailbox,
    `From: Eve <eve@example.org>\nTo: ${mailbox.email}\nSubject: Re: ${subject}\nMessage-ID: <${randomBytes(8).toString("hex")}@example.org>\nIn-Reply-To: ${rootId}\nReferences: ${rootId}\nDate: Mon, 6 Jan 2025 11:00:00 +0000\n${html("The <b>new hall</b>, please.")}`,
  );
  const context = await newClientContext(browser, baseURL);
  const page = await context.newPage();
  await signIn(page, mailbox);
  const frameRequests: number[] = [];
  page.on("request", (request) => {
    const uid = /\/api\/messages\/INBOX\/(\d+)\/body\?/.exec(request.url())?.[1];
    if (uid) frameRequests.push(Number(uid));
  });
  // Opened from the list, as a reader does (an in-app navigation).
  await page
    .getByRole("list", { name: "Messages" })
    .getByRole("link", { name: /conversation of 2 messages/ })
    .click();
  await expect(page.getByText("2 messages in this conversation")).toBeVisible();
  await expect(page.frameLocator(`iframe[title="Message: Re: ${subject}"]`).getByText("new hall")).toBeVisible();
  // The frames of one page are made in the same commit: by the time the opened one shows, a folded
  // one would have been asked for too (it was, before).
  expect(frameRequests).toEqual([reply]);

  await page.locator("summary").filter({ hasText: "Dana" }).click();
  await expect(page.frameLocator(`iframe[title="Message: ${subject}"]`).getByText("old hall")).toBeVisible();
  expect(frameRequests.sort((a, b) => a - b)).toEqual([root, reply].sort((a, b) => a - b));

  // A whole-document load of the same page (a reload, a link from elsewhere) fetches no folded body either.
  frameRequests.length = 0;
  await page.reload();
  await expect(page.frameLocator(`iframe[title="Message: Re: ${subject}"]`).getByText("new hall")).toBeVisible();
  expect(frameRequests).toContain(reply);
  expect(frameRequests).not.toContain(root);
  await context.close();
});
