import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { freePort, startApp, testAppEnv, type AppServer } from "../support/app-server";
import { newClientContext, signIn } from "../support/browser";
import { createMailbox } from "../support/mail-server";
import { countMessages } from "../support/wait-for-message";

test.describe("when the outgoing relay is down", () => {
  let app: AppServer;
  test.beforeAll(async () => {
    // The company relay points at a closed loopback port.
    app = await startApp(testAppEnv({ MAILROOM_SMTP_PORT: String(await freePort()) }));
  });
  test.afterAll(async () => {
    await app?.stop();
  });

  test("the message stays in the composer and in Drafts, and the user is told why", async ({ browser }) => {
    const sender = createMailbox("relaydown");
    const context = await newClientContext(browser, app.url);
    const page = await context.newPage();
    await signIn(page, sender);
    await page.goto("/compose");
    const subject = `Not yet ${randomBytes(3).toString("hex")}`;
    await page.getByRole("combobox", { name: "To" }).fill("someone@mailroom.test");
    await page.getByLabel("Subject").fill(subject);
    await page.getByRole("textbox", { name: "Message" }).click();
    await page.keyboard.type("This must not be lost.");
    await page.getByRole("button", { name: "Send" }).click();

    await expect(page.getByRole("alert").filter({ hasText: "refused the connection" })).toContainText("it is saved in Drafts");
    await expect(page.getByRole("textbox", { name: "Message" })).toHaveText("This must not be lost.");
    await expect(page.getByRole("button", { name: "Send" })).toBeEnabled();
    expect(await countMessages(sender, "Drafts", subject)).toBe(1);
    expect(await countMessages(sender, "Sent", subject)).toBe(0);
    await context.close();
  });
});
