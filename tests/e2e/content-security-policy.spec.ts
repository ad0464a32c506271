import { expect, test, type Page } from "@playwright/test";
import { newClientContext, signIn } from "../support/browser";
import { connectImap, createMailbox } from "../support/mail-server";

/** Collects the page's CSP violations (an init script runs before any of the page's own). */
async function watchViolations(page: Page) {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  return () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
}

function scriptSrc(policy: string): string {
  return (
    policy
      .split(";")
      .map((part) => part.trim())
      .find((part) => part.startsWith("script-src ")) ?? ""
  );
}

test("the sign-in page's scripts all carry the nonce of its policy, and nothing inline runs without it", async ({ request }) => {
  const response = await request.get("/sign-in");
  const policy = response.headers()["content-security-policy"] ?? "";
  const nonce = /'nonce-([^']+)'/.exec(scriptSrc(policy))?.[1];
  expect(nonce, policy).toBeTruthy();
  expect(scriptSrc(policy)).toContain("'strict-dynamic'");
  expect(policy).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
  for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "frame-src 'self'", "form-action 'self'"]) {
    expect(policy).toContain(directive);
  }

  const html = await response.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
  expect(scripts.length).toBeGreaterThan(2);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);

  const again = await request.get("/sign-in");
  expect(again.headers()["content-security-policy"]).not.toBe(policy);
});

test("every screen works under the policy without a single violation", async ({ browser, baseURL }) => {
  const mailbox = createMailbox("e2e-csp");
  const client = await connectImap(mailbox);
  try {
    await client.append(
      "INBOX",
      "From: Carol <carol@example.com>\r\nTo: " +
        mailbox.email +
        "\r\nSubject: Policy check\r\nMessage-ID: <csp-1@example.com>\r\nContent-Type: text/html\r\n\r\n<p>Hello <b>there</b></p>\r\n",
    );
  } finally {
    await client.logout();
  }
  const context = await newClientContext(browser, baseURL);
  const page = await context.newPage();
  const violations = await watchViolations(page);
  await signIn(page, mailbox);

  const visited: string[] = [];
  await page
    .getByRole("link", { name: /Policy check/ })
    .first()
    .click();
  await expect(page.frameLocator("iframe").first().getByText("there")).toBeVisible();
  visited.push(page.url());
  expect(await violations()).toEqual([]);

  for (const path of ["/compose", "/settings/outgoing", "/settings/identities", "/settings/sessions"]) {
    const response = await page.goto(path);
    expect(response?.headers()["content-security-policy"]).toContain("'strict-dynamic'");
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    visited.push(path);
    expect(await violations(), path).toEqual([]);
  }
  // The inline flight data ran (it would be blocked without its nonce), so the page hydrated.
  expect(await page.evaluate(() => Array.isArray((self as unknown as { __next_f?: unknown[] }).__next_f))).toBe(true);
  expect(visited).toHaveLength(5);
  await context.close();
});

test("HSTS only when the page was served over https", async ({ playwright, baseURL }) => {
  const overHttps = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-proto": "https" } });
  expect((await overHttps.get("/sign-in")).headers()["strict-transport-security"]).toMatch(/max-age=\d{7,}/);
  await overHttps.dispose();
  const plain = await playwright.request.newContext({ baseURL });
  expect((await plain.get("/sign-in")).headers()["strict-transport-security"]).toBeUndefined();
  await plain.dispose();
});

test("the message frame shares the app's origin, so the app can size it, and still runs no script, in the app or opened in a tab", async ({ browser, baseURL }) => {
  const mailbox = createMailbox("e2e-csp-frame");
  const client = await connectImap(mailbox);
  try {
    await client.append(
      "INBOX",
      "From: Mallory <mallory@example.com>\r\nTo: " +
        mailbox.email +
        "\r\nSubject: Scripted mail\r\nMessage-ID: <csp-frame-1@example.com>\r\nContent-Type: text/html\r\n\r\n" +
        `<p>Scripted <b>mail</b></p><img src="x" onerror="parent.document.title='ran'"><script>parent.document.title='ran'</script>\r\n`,
    );
  } finally {
    await client.logout();
  }
  const context = await newClientContext(browser, baseURL);
  const page = await context.newPage();
  await signIn(page, mailbox);
  await page
    .getByRole("link", { name: /Scripted mail/ })
    .first()
    .click();
  const iframe = page.locator('iframe[title="Message: Scripted mail"]');
  await expect(page.frameLocator('iframe[title="Message: Scripted mail"]').getByText("Scripted")).toBeVisible();
  await expect(iframe).toHaveAttribute("sandbox", "allow-same-origin allow-popups allow-popups-to-escape-sandbox");

  // The frame document's own policy: no script at all, and the same sandbox when opened directly.
  const src = (await iframe.getAttribute("src"))!;
  const policy = (await page.request.get(src)).headers()["content-security-policy"] ?? "";
  const directives = policy.split(";").map((part) => part.trim());
  expect(directives).toEqual(
    expect.arrayContaining(["default-src 'none'", "script-src 'none'", "frame-ancestors 'self'", "sandbox allow-same-origin allow-popups allow-popups-to-escape-sandbox"]),
  );
  expect(policy).not.toMatch(/allow-(scripts|forms|top-navigation|modals|downloads)/);

  // The app reads the frame's document; nothing in it runs, even script that got past the sanitiser.
  const outcome = await iframe.evaluate(async (frame: HTMLIFrameElement) => {
    const inner = frame.contentDocument!;
    const sanitised = inner.querySelectorAll("script, [onerror]").length === 0;
    const script = inner.createElement("script");
    script.textContent = "parent.__frameScriptRan = 'script'";
    inner.body.append(script);
    const image = inner.createElement("img");
    image.setAttribute("onerror", "parent.__frameScriptRan = 'handler'");
    image.src = "data:,not-an-image";
    inner.body.append(image);
    const link = inner.createElement("a");
    link.href = "javascript:parent.__frameScriptRan = 'link'";
    inner.body.append(link);
    link.click();
    await new Promise<void>((resolve) => image.addEventListener("error", () => resolve(), { once: true }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    return { readable: inner.body.textContent?.includes("Scripted mail") ?? false, sanitised, ran: (window as unknown as { __frameScriptRan?: string }).__frameScriptRan ?? null };
  });
  expect(outcome).toEqual({ readable: true, sanitised: true, ran: null });
  expect(await page.title()).not.toBe("ran");

  const tab = await context.newPage();
  await tab.goto(src);
  await expect(tab.getByText("Scripted")).toBeVisible();
  // An inserted script runs as it is inserted, if at all (the document runs no timers to wait with).
  const ranInTab = await tab.evaluate(() => {
    const script = document.createElement("script");
    script.textContent = "window.__tabScriptRan = true";
    document.body.append(script);
    return (window as unknown as { __tabScriptRan?: boolean }).__tabScriptRan ?? false;
  });
  expect(ranInTab).toBe(false);
  await context.close();
});
