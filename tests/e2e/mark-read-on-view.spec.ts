import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { newClientContext, signIn } from "../support/browser";
import { connectImap, createMailbox, type TestMailbox } from "../support/mail-server";

async function appendUnread(mailbox: TestMailbox, from: string, subject: string): Promise<number> {
  const client = await connectImap(mailbox);
  try {
    const result = await client.append("INBOX", `From: ${from}\r\nTo: ${mailbox.email}\r\nSubject: ${subject}\r\n\r\nRead me.\r\n`, []);
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

test("a GET of the message page (a prefetch, a link scanner) neither marks it read nor learns the sender; the shown page does", async ({ browser, baseURL }) => {
  const mailbox = createMailbox("prefetch");
  const sender = `prefetched-${randomBytes(3).toString("hex")}@example.org`;
  const uid = await appendUnread(mailbox, `Pre Fetch <${sender}>`, "Only when shown");
  const context = await newClientContext(browser, baseURL);
  const page = await context.newPage();
  await signIn(page, mailbox);
  const learned = async () => ((await (await page.request.get(`/api/contacts?q=${encodeURIComponent(sender)}`)).json()) as { contacts: { address: string }[] }).contacts;

  // The whole server render, with the session's cookie, as a prefetch would fetch it; no script runs.
  const prefetched = await page.request.get(`/mail/INBOX/${uid}`, { headers: { "next-router-prefetch": "1", purpose: "prefetch" } });
  expect(prefetched.status()).toBe(200);
  const rendered = await page.request.get(`/mail/INBOX/${uid}`);
  expect(await rendered.text()).toContain("Only when shown");
  expect(await isSeen(mailbox, uid)).toBe(false);
  expect(await learned()).toEqual([]);

  await page.goto(`/mail/INBOX/${uid}`);
  await expect(page.getByRole("article", { name: "Only when shown" })).toBeVisible();
  await expect.poll(() => isSeen(mailbox, uid)).toBe(true);
  await expect.poll(learned).toEqual([{ address: sender, name: "Pre Fetch" }]);
  await context.close();
});
