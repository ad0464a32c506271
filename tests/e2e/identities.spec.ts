import { expect, test } from "@playwright/test";
import { newClientContext, signIn } from "../support/browser";
import { confirmIdentity } from "../support/confirm-identity";
import { createMailbox, mailServer } from "../support/mail-server";

test("identities: the sign-in address is always there; others can be added, edited, made default and deleted", async ({ browser, baseURL }) => {
  // One long journey through the page: allow for a busy machine.
  test.setTimeout(180_000);
  const mailbox = createMailbox("ident");
  const domain = mailServer().domain;
  // A real mailbox: the confirmation code is mailed there.
  const salesBox = createMailbox("sales");
  const sales = salesBox.email;
  const context = await newClientContext(browser, baseURL);
  const page = await context.newPage();
  await signIn(page, mailbox);
  await page.goto("/settings/identities");
  await expect(page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Identities" })).toHaveAttribute("aria-current", "page");

  const list = page.getByRole("list", { name: "Identities" });
  const own = list.getByRole("listitem", { name: mailbox.email });
  await expect(own).toContainText("Default");
  await expect(own).toContainText("Sign-in address");
  await expect(own.getByRole("button", { name: /^Delete/ })).toHaveCount(0);

  // An address outside the allowed domains is refused next to the field, and nothing typed is lost.
  await page.getByRole("button", { name: "Add an identity" }).click();
  const form = page.getByRole("form", { name: "New identity" });
  await form.getByLabel("Email address").fill("someone@example.com");
  await form.getByLabel("Display name").fill("Sales Team");
  await form.getByLabel("Reply-To").fill(`help@${domain}`);
  await form.getByRole("button", { name: "Add identity" }).click();
  await expect(form.getByLabel("Email address")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByLabel("Email address")).toHaveAccessibleDescription(new RegExp(`You can add addresses ending in @${domain.replace(".", "\\.")}`));
  await expect(form.getByLabel("Display name")).toHaveValue("Sales Team");

  await form.getByLabel("Email address").fill(sales);
  const signature = form.getByRole("textbox", { name: "Signature" });
  await signature.click();
  // The toolbar never takes focus from the text: what is typed next goes into the signature at once.
  const bold = form.getByRole("button", { name: "Bold" });
  await bold.click();
  expect(await signature.evaluate((editor) => editor.contains(document.activeElement))).toBe(true);
  await expect(bold).toHaveAttribute("aria-pressed", "true");
  await page.keyboard.type("Sales Team");
  await bold.click();
  expect(await signature.evaluate((editor) => editor.contains(document.activeElement))).toBe(true);
  await expect(bold).toHaveAttribute("aria-pressed", "false");
  await page.keyboard.press("Enter");
  await page.keyboard.type("Call us any time");
  await form.getByRole("button", { name: "Add identity" }).click();

  const added = list.getByRole("listitem", { name: `Sales Team <${sales}>` });
  // The first signature saved loads the sanitiser (jsdom) on the server.
  await expect(added).toBeVisible({ timeout: 45_000 });
  await expect(added).toContainText(`Replies go to help@${domain}`);
  const shownSignature = added.getByRole("group", { name: `Signature of ${sales}` });
  await expect(shownSignature).toContainText("Call us any time");
  await expect(shownSignature.locator("strong")).toHaveText("Sales Team");
  // It can't be sent from (or made the default) until the code mailed to it is entered.
  await expect(added.getByRole("button", { name: `Make ${sales} the default` })).toHaveCount(0);
  await confirmIdentity(page, salesBox);

  // Edit: name, signature and Reply-To change; the signature editor starts with the saved signature.
  await added.getByRole("button", { name: `Edit ${sales}` }).click();
  const editForm = page.getByRole("form", { name: `Edit ${sales}` });
  await expect(editForm.getByRole("textbox", { name: "Signature" })).toContainText("Call us any time");
  await editForm.getByLabel("Display name").fill("Sales");
  await editForm.getByRole("textbox", { name: "Signature" }).click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(" or write");
  await editForm.getByLabel("Reply-To").fill("");
  await editForm.getByRole("button", { name: "Save identity" }).click();
  const edited = list.getByRole("listitem", { name: `Sales <${sales}>` });
  await expect(edited.getByRole("group", { name: `Signature of ${sales}` })).toContainText("Call us any time or write");
  await expect(edited).not.toContainText("Replies go to");

  await edited.getByRole("button", { name: `Make ${sales} the default` }).click();
  await expect(edited).toContainText("Default");
  await expect(own).not.toContainText("Default");

  // After a reload the page shows what was saved.
  await page.reload();
  await expect(list.getByRole("listitem", { name: `Sales <${sales}>` })).toContainText("Default");

  // A new message starts from the default identity, with its signature.
  await page.goto("/compose");
  await expect(page.getByLabel("From")).toHaveValue(sales);
  const message = page.getByRole("textbox", { name: "Message" });
  await expect(message).toContainText("-- ");
  await expect(message).toContainText("Call us any time or write");
  await page.goto("/settings/identities");

  page.once("dialog", (dialog) => dialog.accept());
  await list.getByRole("button", { name: `Delete ${sales}` }).click();
  await expect(list.getByRole("listitem")).toHaveCount(1);
  await expect(own).toContainText("Default");
  await context.close();
});
