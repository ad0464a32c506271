import { expect, type Page } from "@playwright/test";

/** Opens a folder's list and waits until it is interactive (clicks and keys before that are lost): the live-update status says so. */
export async function openList(page: Page, folder: string) {
  await page.goto(`/mail/${encodeURIComponent(folder)}`);
  await expect(page.getByText("Live updates on")).toBeVisible();
}

/** The list row (a link) of the message with this subject. */
export function rowLink(page: Page, subject: string) {
  return page.getByRole("list", { name: "Messages" }).getByRole("link", { name: new RegExp(`, ${subject}$`) });
}
