import { expect, type Locator, type Page } from "@playwright/test";

/** Opens a folder's list and waits until it is interactive (clicks and keys before that are lost): the live-update status says so. */
export async function openList(page: Page, folder: string) {
  await page.goto(`/mail/${encodeURIComponent(folder)}`);
  await expect(page.getByText("Live updates on")).toBeVisible();
}

/** The list row (a link) of the message with this subject. */
export function rowLink(page: Page, subject: string) {
  return page.getByRole("list", { name: "Messages" }).getByRole("link", { name: new RegExp(`, ${subject}$`) });
}

/**
 * Presses j until `row` (the list's first row) takes the focus. The list streams in and hydrates
 * on its own (a Suspense boundary), on a busy machine after the page looks idle; a key pressed
 * before then is lost, as it would be for a person, so each try starts again from no focus.
 */
export async function focusFirstRowByKey(page: Page, row: Locator) {
  await expect(async () => {
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press("j");
    await expect(row).toBeFocused({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
}
