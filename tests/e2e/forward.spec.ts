import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { simpleParser } from "mailparser";
import MailComposer from "nodemailer/lib/mail-composer";
import { newClientContext, signIn } from "../support/browser";
import { connectImap, createMailbox, type TestMailbox } from "../support/mail-server";
import { waitForMessage } from "../support/wait-for-message";

/** Puts a message with a binary attachment in the mailbox's INBOX; returns its UID. */
async function appendWithAttachment(mailbox: TestMailbox, subject: string, bytes: Buffer): Promise<number> {
  const raw = await new Promise<Buffer>((resolve, reject) =>
    new MailComposer({
      from: "Supplier <supplier@example.org>",
      to: mailbox.email,
      subject,
      text: "Invoice attached.",
      attachments: [{ filename: "invoice.pdf", content: bytes, contentType: "application/pdf" }],
    })
      .compile()
      .build((error, message) => (error ? reject(error) : resolve(message))),
  );
  const client = await connectImap(mailbox);
  try {
    const appended = await client.append("INBOX", raw, []);
    return appended ? (appended.uid ?? 0) : 0;
  } finally {
    await client.logout();
  }
}

async function flagsOf(mailbox: TestMailbox, uid: number): Promise<Set<string>> {
  const client = await connectImap(mailbox);
  try {
    const lock = await client.getMailboxLock("INBOX");
    try {
      const message = await client.fetchOne(String(uid), { flags: true }, { uid: true });
      return (message && message.flags) || new Set();
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
}

test("forward keeps the original's attachments and flags it $Forwarded", async ({ browser, baseURL }) => {
  const me = createMailbox("forwarder");
  const colleague = createMailbox("colleague");
  const topic = `Invoice ${randomBytes(3).toString("hex")}`;
  const bytes = randomBytes(120_000);
  const uid = await appendWithAttachment(me, topic, bytes);

  const context = await newClientContext(browser, baseURL);
  const page = await context.newPage();
  await signIn(page, me);
  await page.goto(`/mail/INBOX/${uid}`);
  await page.getByRole("article", { name: topic }).getByRole("link", { name: "Forward", exact: true }).click();
  await expect(page.getByLabel("Subject")).toHaveValue(`Fwd: ${topic}`);
  await expect(page.getByRole("list", { name: "Attached files" })).toContainText("invoice.pdf");
  await expect(page.getByRole("textbox", { name: "Message" })).toContainText("Forwarded message");
  await page.getByRole("combobox", { name: "To" }).fill(colleague.email);
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Message sent." })).toBeVisible({ timeout: 30_000 });

  const forwarded = await waitForMessage(colleague, `Fwd: ${topic}`);
  expect(forwarded.text).toContain("Invoice attached.");
  expect(forwarded.attachments.find((a) => a.filename === "invoice.pdf")?.content.equals(bytes)).toBe(true);
  expect((await flagsOf(me, uid)).has("$Forwarded")).toBe(true);
  await context.close();
});

test("forward as attachment sends the original as message/rfc822", async ({ browser, baseURL }) => {
  const me = createMailbox("fwdatt");
  const colleague = createMailbox("fwdattto");
  const topic = `Contract ${randomBytes(3).toString("hex")}`;
  const bytes = randomBytes(10_000);
  const uid = await appendWithAttachment(me, topic, bytes);

  const context = await newClientContext(browser, baseURL);
  const page = await context.newPage();
  await signIn(page, me);
  await page.goto(`/mail/INBOX/${uid}`);
  await page.getByRole("article", { name: topic }).getByRole("link", { name: "Forward as attachment" }).click();
  await expect(page.getByRole("list", { name: "Attached files" })).toContainText(`${topic}.eml`);
  // The Message editor appears once the page is interactive: typing before that would be lost.
  await expect(page.getByRole("textbox", { name: "Message" })).toBeVisible();
  await page.getByRole("combobox", { name: "To" }).fill(colleague.email);
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Message sent." })).toBeVisible({ timeout: 30_000 });

  const forwarded = await waitForMessage(colleague, `Fwd: ${topic}`);
  const inner = forwarded.attachments.find((a) => a.contentType === "message/rfc822");
  expect(inner).toBeDefined();
  const original = await simpleParser(inner!.content);
  expect(original.subject).toBe(topic);
  expect(original.attachments[0]?.content.equals(bytes)).toBe(true);
  expect((await flagsOf(me, uid)).has("$Forwarded")).toBe(true);
  await context.close();
});
