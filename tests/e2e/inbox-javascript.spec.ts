import { expect, test } from "@playwright/test";
import { appendMessage, createMailbox } from "../support/mail-server";
import { openPage, signedInState } from "../support/signed-in-state";

const baseURL = () => {
  const url = process.env.MAILROOM_E2E_URL;
  if (!url) throw new Error("MAILROOM_E2E_URL is not set (global set-up starts the app)");
  return url;
};

/** Text only the named code carries, as it stays in the minified build (an error kind, a class name). */
const NOT_IN_THE_INBOX = {
  // @formatjs/icu-messageformat-parser: the catalogue reaches the browser compiled (lib/i18n/messages.ts).
  "the ICU message parser": "EXPECT_ARGUMENT_CLOSING_BRACE",
  // tiptap/ProseMirror: the composer's editor belongs to /compose and Settings → Identities.
  "the rich-text editor": "ProseMirror",
};

test("the inbox's JavaScript carries neither the ICU message parser nor the composer's editor", async ({ browser }) => {
  const mailbox = createMailbox("weight");
  await appendMessage(mailbox, { subject: "Weighed" });
  const state = await signedInState(browser, baseURL(), mailbox);
  const { context, page } = await openPage(browser, baseURL(), { storageState: state });
  try {
    const scripts: Promise<{ url: string; body: string }>[] = [];
    page.on("response", (response) => {
      if (response.request().resourceType() === "script") scripts.push(response.text().then((body) => ({ url: response.url(), body })));
    });
    await page.goto("/mail/INBOX", { waitUntil: "networkidle" });
    await expect(page.getByRole("list", { name: "Messages" }).getByRole("link", { name: /Weighed/ })).toBeVisible();
    const loaded = await Promise.all(scripts);
    expect(loaded.length).toBeGreaterThan(0);
    for (const [what, marker] of Object.entries(NOT_IN_THE_INBOX)) {
      expect(
        loaded.filter(({ body }) => body.includes(marker)).map(({ url }) => url),
        `${what} is loaded by the inbox`,
      ).toEqual([]);
    }
  } finally {
    await context.close();
  }
});
