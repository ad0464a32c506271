import { expect, test } from "@playwright/test";
import { startApp, testAppEnv, freePort, type AppServer } from "../support/app-server";
import { fillSignIn, newClientContext, randomClientAddress } from "../support/browser";
import { createMailbox } from "../support/mail-server";
import { startSilentServer } from "../support/silent-server";

function alertWith(page: import("@playwright/test").Page, text: string | RegExp) {
  return page.getByRole("alert").filter({ hasText: text });
}

test.describe("signing in", () => {
  // The test runner plays the trusted reverse proxy, so each browser context's X-Forwarded-For
  // is its own client address (as behind a real proxy) and the per-client counts stay apart.
  let app: AppServer;
  test.beforeAll(async () => {
    test.setTimeout(180_000);
    app = await startApp(testAppEnv({ MAILROOM_TRUSTED_PROXIES: "127.0.0.1" }));
  });
  test.afterAll(async () => {
    await app?.stop();
  });

  test("good credentials open the app shell, and the password never reaches the URL", async ({ browser }) => {
    const mailbox = createMailbox("e2e-signin");
    const context = await newClientContext(browser, app.url);
    const page = await context.newPage();
    const urls: string[] = [];
    page.on("request", (request) => urls.push(request.url()));
    await fillSignIn(page, mailbox.email, mailbox.password);
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    await expect(page.getByRole("banner")).toContainText(mailbox.email);
    await expect(page.getByRole("navigation", { name: "Folders" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Folders" }).getByRole("link", { name: /Inbox/ })).toBeVisible();
    await expect(page).toHaveURL(/\/mail\/INBOX$/);
    expect(urls.join("\n")).not.toContain(mailbox.password);
    const cookie = (await context.cookies()).find((c) => c.name.endsWith("authjs.session-token"));
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Lax");
    await context.close();
  });

  test("the form works before (or without) JavaScript: a plain form post signs in", async ({ browser }) => {
    const mailbox = createMailbox("e2e-nojs");
    const context = await browser.newContext({ baseURL: app.url, javaScriptEnabled: false, extraHTTPHeaders: { "x-forwarded-for": randomClientAddress() } });
    const page = await context.newPage();
    await fillSignIn(page, mailbox.email, mailbox.password);
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    await expect(page.getByRole("banner")).toContainText(mailbox.email);
    await context.close();
  });

  test("a wrong password is refused with a message, the address kept and the password cleared", async ({ browser }) => {
    const mailbox = createMailbox("e2e-wrong");
    const context = await newClientContext(browser, app.url);
    const page = await context.newPage();
    await fillSignIn(page, mailbox.email, "not-the-password");
    await expect(alertWith(page, "Wrong email address or password.")).toBeVisible();
    await expect(page.getByLabel("Email")).toHaveValue(mailbox.email);
    await expect(page.getByLabel("Password")).toHaveValue("");
    expect(await page.content()).not.toContain("not-the-password");
    await context.close();
  });

  test("an address outside the allowed domains is refused", async ({ browser }) => {
    const context = await newClientContext(browser, app.url);
    const page = await context.newPage();
    await fillSignIn(page, "someone@elsewhere.example", "whatever");
    await expect(alertWith(page, "This address can't sign in here. Use your @mailroom.test address.")).toBeVisible();
    await context.close();
  });

  test("too many failures lock the address and say when to retry", async ({ browser }) => {
    const mailbox = createMailbox("e2e-lock");
    const context = await newClientContext(browser, app.url);
    const page = await context.newPage();
    // Each attempt from another client address: this is the per-address lock (and Dovecot's own
    // per-client delays stay out of the way).
    const attempt = async (password: string) => {
      await page.setExtraHTTPHeaders({ "x-forwarded-for": randomClientAddress() });
      await fillSignIn(page, mailbox.email, password);
    };
    for (let number = 1; number <= 4; number++) {
      await attempt(`wrong-${number}`);
      await expect(alertWith(page, "Wrong email address or password.")).toBeVisible();
    }
    await attempt("wrong-5");
    await expect(alertWith(page, "Too many failed sign-in attempts")).toBeVisible();
    // Even the right password waits until the lock ends.
    await attempt(mailbox.password);
    const alert = alertWith(page, "Too many failed sign-in attempts");
    await expect(alert).toBeVisible();
    await expect(alert).toContainText(/Try again at \d{1,2}:\d{2}.*\(in 1[45] minutes\)/);
    await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);
    await context.close();
  });

  test("repeated failures from one client are told the truth, not a timeout", async ({ browser }) => {
    // Dovecot answers a client with recent failures more and more slowly (up to 15 s): that is
    // still "wrong password", not "server not answering".
    const mailbox = createMailbox("e2e-slow-refusal");
    const context = await newClientContext(browser, app.url);
    const page = await context.newPage();
    for (let number = 1; number <= 4; number++) {
      await fillSignIn(page, mailbox.email, `wrong-${number}`);
      await expect(alertWith(page, "Wrong email address or password.")).toBeVisible({ timeout: 40_000 });
    }
    await context.close();
  });
});

test.describe("signing in when the mail server is in trouble", () => {
  let unreachable: AppServer;
  let silentApp: AppServer;
  let silent: Awaited<ReturnType<typeof startSilentServer>>;

  test.beforeAll(async () => {
    silent = await startSilentServer();
    [unreachable, silentApp] = await Promise.all([
      startApp(testAppEnv({ MAILROOM_IMAP_PORT: String(await freePort()) })),
      startApp(testAppEnv({ MAILROOM_IMAP_PORT: String(silent.port) })),
    ]);
  });
  test.afterAll(async () => {
    await Promise.all([unreachable?.stop(), silentApp?.stop(), silent?.close()]);
  });

  test("an unreachable server gets its own message", async ({ browser }) => {
    const context = await newClientContext(browser, unreachable.url);
    const page = await context.newPage();
    await fillSignIn(page, `nobody@mailroom.test`, "whatever");
    await expect(alertWith(page, "The mail server can't be reached right now.")).toBeVisible();
    await context.close();
  });

  test("a server that does not answer within 10 s gets its own message", async ({ browser }) => {
    const context = await newClientContext(browser, silentApp.url);
    const page = await context.newPage();
    const started = Date.now();
    await fillSignIn(page, `nobody@mailroom.test`, "whatever");
    await expect(alertWith(page, "The mail server didn't answer within 10 seconds.")).toBeVisible({ timeout: 30_000 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(9_000);
    await context.close();
  });
});

test("behind a TLS proxy (X-Forwarded-Proto: https) the session cookie is Secure", async ({ playwright, baseURL }) => {
  const mailbox = createMailbox("e2e-secure-cookie");
  const request = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { "x-forwarded-proto": "https", "x-forwarded-for": randomClientAddress() },
  });
  const setCookies = (response: Awaited<ReturnType<typeof request.get>>) =>
    response
      .headersArray()
      .filter((header) => header.name.toLowerCase() === "set-cookie")
      .map((header) => header.value);
  const csrf = await request.get("/api/auth/csrf");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  // The test talks plain http to the app, so it hands back the (Secure) CSRF cookie itself.
  const csrfCookie = setCookies(csrf)
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
  const response = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: mailbox.email, password: mailbox.password, callbackUrl: "/" },
    headers: { cookie: csrfCookie },
    maxRedirects: 0,
  });
  const cookies = setCookies(response);
  const session = cookies.find((cookie) => cookie.startsWith("__Secure-authjs.session-token="));
  expect(session, cookies.join("\n")).toBeDefined();
  expect(session).toMatch(/;\s*Secure/i);
  expect(session).toMatch(/;\s*HttpOnly/i);
  expect(session).toMatch(/;\s*SameSite=Lax/i);
  await request.dispose();
});
