import { expect, type Page } from "@playwright/test";
import type { TestMailbox } from "./mail-server";
import { waitForMessage } from "./wait-for-message";

/**
 * On Settings → Identities, confirms a just-added identity as its owner would: reads the code that
 * was mailed to its mailbox and enters it.
 */
export async function confirmIdentity(page: Page, identity: TestMailbox): Promise<void> {
  const mail = await waitForMessage(identity, `Confirm that you can send as ${identity.email}`);
  const code = /\b(\d{6})\b/.exec(mail.text ?? "")?.[1];
  if (!code) throw new Error(`no confirmation code in the message to ${identity.email}`);
  const form = page.getByRole("form", { name: `Confirm ${identity.email}` });
  await form.getByLabel(`Confirmation code for ${identity.email}`).fill(code);
  await form.getByRole("button", { name: "Confirm" }).click();
  await expect(form).toBeHidden();
}
