import { expect, test } from "@playwright/test";
import { newClientContext, signIn } from "../support/browser";
import { createMailbox } from "../support/mail-server";
import { appendBodyMessage } from "../support/raw-message";

// Issue 9: the message's own CSS could hide the warning inside the frame, and a look-alike letter got none.
const HIDING_CSS = "<style>.mailroom-link-warning { display: none !important; visibility: hidden !important; }</style>";

test("links whose text names another site are counted in the message header, outside the frame the message styles", async ({ browser, baseURL }) => {
  const mailbox = createMailbox("deceptive-links");
  const several = await appendBodyMessage(mailbox, {
    subject: "Your account needs attention",
    type: "text/html",
    body: [
      HIDING_CSS,
      // A Cyrillic а (U+0430) in the text, and the link going to exactly that look-alike host.
      '<p><a href="https://p\u0430ypal.example/login">https://p\u0430ypal.example/login</a></p>',
      // Plain text, a punycode destination.
      '<p><a href="https://xn--pypal-4ve.com/">paypal.com</a></p>',
      '<p><a href="https://evil.example/">www.bank.example</a></p>',
      '<p><a href="https://bank.example/help">https://bank.example/help</a> <a href="https://evil.example/">Click here</a></p>',
    ].join(""),
  });
  const one = await appendBodyMessage(mailbox, {
    subject: "One odd link",
    type: "text/html",
    body: `${HIDING_CSS}<p><a href="https://evil.example/">https://bank.example/</a></p>`,
  });
  const none = await appendBodyMessage(mailbox, { subject: "Honest links", type: "text/html", body: '<p><a href="https://bank.example/help">bank.example</a></p>' });

  const context = await newClientContext(browser, baseURL);
  const page = await context.newPage();
  await signIn(page, mailbox);

  await page.goto(`/mail/INBOX/${several}`);
  const article = page.getByRole("article", { name: "Your account needs attention" });
  await expect(article.getByRole("alert", { name: "This message has 3 links whose text names another site" })).toBeVisible();
  const frame = page.frameLocator('iframe[title="Message: Your account needs attention"]');
  await expect(frame.getByRole("link", { name: "https://p\u0430ypal.example/login" })).toHaveAttribute(
    "title",
    "This link goes to p\u0430ypal.example (xn--pypal-4ve.example), whose name mixes Latin and Cyrillic letters: it may imitate another site",
  );
  await expect(frame.getByRole("link", { name: "paypal.com" })).toHaveAttribute("title", "This link goes to p\u0430ypal.com (xn--pypal-4ve.com), not paypal.com");

  await page.goto(`/mail/INBOX/${one}`);
  await expect(page.getByRole("article", { name: "One odd link" }).getByRole("alert", { name: "This message has 1 link whose text names another site" })).toBeVisible();

  await page.goto(`/mail/INBOX/${none}`);
  const honest = page.getByRole("article", { name: "Honest links" });
  await expect(page.frameLocator('iframe[title="Message: Honest links"]').getByRole("link", { name: "bank.example" })).toBeVisible();
  await expect(honest.getByRole("alert")).toHaveCount(0);
  await context.close();
});
