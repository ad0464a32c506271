import { randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { startApp, testAppEnv, type AppServer } from "../support/app-server";
import { newClientContext, signIn } from "../support/browser";
import { appendMessage, createMailbox } from "../support/mail-server";

// An instance with a small quota: 2 files and 1 MB waiting to be sent per user.
let app: AppServer;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  app = await startApp(testAppEnv({ MAILROOM_UPLOADS_PER_USER: "2", MAILROOM_UPLOAD_QUOTA_MB: "1" }));
});
test.afterAll(async () => {
  await app?.stop();
});

function upload(request: APIRequestContext, bytes: number) {
  return request.post(`${app.url}/api/uploads`, {
    data: randomBytes(bytes),
    // A refused upload is answered before its body is read; the server then closes that connection.
    headers: { "content-type": "application/octet-stream", "x-file-name": "part.bin", connection: "close" },
  });
}

test("uploads stop at the user's file count and byte quota; a forward as attachment beyond it says why", async ({ browser }) => {
  const mailbox = createMailbox("quota");
  await appendMessage(mailbox, { subject: "Forward me" });
  const context = await newClientContext(browser, app.url);
  const page = await context.newPage();
  await signIn(page, mailbox);

  expect((await upload(page.request, 600_000)).status()).toBe(201);
  const overBytes = await upload(page.request, 600_000);
  expect(overBytes.status()).toBe(413);
  expect((await overBytes.json()).error).toContain("add up to 1 MB");
  expect((await upload(page.request, 1_000)).status()).toBe(201);
  const overCount = await upload(page.request, 1_000);
  expect(overCount.status()).toBe(413);
  expect((await overCount.json()).error).toContain("2 files waiting to be sent");

  // Forwarding as an attachment copies the message into the uploads: the quota applies there too.
  await page.goto("/compose?forwardAsAttachment=INBOX:1");
  await expect(page.getByRole("alert").filter({ hasText: "2 files waiting to be sent" })).toBeVisible();
  await context.close();
});

test("the draft route reads at most its limit, whatever Content-Length says", async ({ browser }) => {
  const mailbox = createMailbox("draftcap");
  const context = await newClientContext(browser, app.url);
  const page = await context.newPage();
  await signIn(page, mailbox);
  const cookie = (await context.cookies(app.url)).map(({ name, value }) => `${name}=${value}`).join("; ");

  // 13 MB in chunks without a Content-Length: refused once the 9 MB limit is passed.
  const chunk = new TextEncoder().encode("x".repeat(1024 * 1024));
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent++ >= 13) controller.close();
      else controller.enqueue(chunk);
    },
  });
  const response = await fetch(`${app.url}/compose/draft`, {
    method: "POST",
    body,
    headers: { cookie, "content-type": "application/json" },
    duplex: "half",
  } as RequestInit);
  expect(response.status).toBe(413);
  expect((await response.json()).error).toBe("The draft is too large to save.");

  // A draft of ordinary size is still read.
  const small = await page.request.post(`${app.url}/compose/draft`, { data: { nonsense: true } });
  expect(small.status()).toBe(400);
  expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
  await context.close();
});
