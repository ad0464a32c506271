import { expect, test } from "@playwright/test";
import { newClientContext, signIn } from "../support/browser";
import { appendMessage, createMailbox } from "../support/mail-server";

test("two users signed in at once each see only their own mailbox", async ({ browser, baseURL }) => {
  const alice = createMailbox("e2e-alice");
  const bob = createMailbox("e2e-bob");
  await appendMessage(alice, { subject: "Alice's private plans" });
  await appendMessage(bob, { subject: "Bob's secret recipe" });

  const aliceContext = await newClientContext(browser, baseURL);
  const bobContext = await newClientContext(browser, baseURL);
  const alicePage = await aliceContext.newPage();
  const bobPage = await bobContext.newPage();
  await Promise.all([signIn(alicePage, alice), signIn(bobPage, bob)]);

  // Interleave requests so that a shared connection would show up.
  for (let round = 0; round < 3; round++) {
    await Promise.all([alicePage.goto("/mail/INBOX"), bobPage.goto("/mail/INBOX")]);
    const aliceMessages = alicePage.getByRole("list", { name: "Messages" });
    const bobMessages = bobPage.getByRole("list", { name: "Messages" });
    await expect(aliceMessages).toContainText("Alice's private plans");
    await expect(bobMessages).toContainText("Bob's secret recipe");
    await expect(aliceMessages).not.toContainText("Bob's secret recipe");
    await expect(bobMessages).not.toContainText("Alice's private plans");
  }
  await expect(alicePage.getByRole("banner")).toContainText(alice.email);
  await expect(bobPage.getByRole("banner")).toContainText(bob.email);
  await aliceContext.close();
  await bobContext.close();
});
