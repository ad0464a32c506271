import { expect, test } from "@playwright/test";

test("Mailroom can be added to a home screen: a manifest with its name and icons, each of which is served", async ({ page, request }) => {
  await page.goto("/sign-in");
  const manifestHref = await page.locator('link[rel="manifest"]').getAttribute("href");
  expect(manifestHref).toBe("/manifest.webmanifest");
  const iconHrefs = await page.locator('link[rel="icon"], link[rel="apple-touch-icon"]').evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
  expect(iconHrefs).toEqual(expect.arrayContaining(["/favicon.ico", "/icons/icon.svg", "/icons/apple-touch-icon.png"]));

  const manifest = (await (await request.get(manifestHref!)).json()) as {
    name: string;
    display: string;
    start_url: string;
    icons: { src: string; purpose?: string; type: string }[];
  };
  expect(manifest).toMatchObject({ name: "Mailroom", display: "standalone", start_url: "/mail/INBOX" });
  expect(manifest.icons.some((icon) => icon.purpose === "maskable")).toBe(true);
  expect(manifest.icons.some((icon) => icon.type === "image/svg+xml")).toBe(true);

  const urls = [...new Set([...iconHrefs, ...manifest.icons.map((icon) => icon.src)])];
  expect(urls.length).toBeGreaterThanOrEqual(6);
  for (const url of urls) {
    const response = await request.get(url);
    expect(response.status(), url).toBe(200);
    expect(response.headers()["content-type"], url).toMatch(/^image\//);
    expect((await response.body()).length, url).toBeGreaterThan(100);
  }
});
