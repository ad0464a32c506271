import { expect, type Page } from "@playwright/test";

/** Picks a theme on Settings → Appearance (System, Light or Dark) and waits until it is saved. */
export async function chooseTheme(page: Page, theme: "System" | "Light" | "Dark"): Promise<void> {
  await page.goto("/settings/appearance");
  const choice = page.getByRole("radio", { name: new RegExp(`^${theme}\\b`) });
  if (await choice.isChecked()) return;
  await choice.check();
  await expect(page.getByRole("status").filter({ hasText: "Appearance saved." })).toBeVisible();
}
