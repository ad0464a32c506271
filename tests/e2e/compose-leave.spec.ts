import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { newClientContext, signIn } from "../support/browser";
import { createMailbox } from "../support/mail-server";

test("leaving the page before the autosave still keeps the draft (sendBeacon on pagehide)", async ({ browser, baseURL }) => {
  const sender = createMailbox("leave");
  const context = await newClientContext(browser, baseURL);
  const page = await context.newPage();
  await signIn(page, sender);
  await page.goto("/compose");
  const subject = `Quick note ${randomBytes(3).toString("hex")}`;
  await page.getByRole("combobox", { name: "To" }).fill("team@mailroom.test");
  await page.getByLabel("Subject").fill(subject);
  await page.getByRole("textbox", { name: "Message" }).click();
  await page.keyboard.type("Typed just before leaving");
  // Well within the 2 s autosave delay: only the save on leaving can keep this.
  await expect(page.getByRole("status").filter({ hasText: "Draft saved" })).toHaveCount(0);
  await page.reload();

  await expect(page.getByLabel("Subject")).toHaveValue(subject);
  await expect(page.getByRole("textbox", { name: "Message" })).toHaveText("Typed just before leaving");
  await context.close();
});
