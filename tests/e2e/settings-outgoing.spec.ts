import { expect, test, type Page } from "@playwright/test";
import { startApp, testAppEnv, type AppServer } from "../support/app-server";
import { newClientContext, signIn } from "../support/browser";
import { createMailbox, mailServer, type TestMailbox } from "../support/mail-server";

let app: AppServer;

test.beforeAll(async () => {
  // Starting a second instance can take a while when the machine is busy.
  test.setTimeout(180_000);
  // An instance whose administrator allows relays on 127.0.0.1, so the local Postfix can be used as a "personal" relay.
  app = await startApp(testAppEnv({ MAILROOM_SMTP_ALLOWED_HOSTS: "127.0.0.1" }));
});

test.afterAll(async () => {
  await app?.stop();
});

async function openOutgoingSettings(page: Page, mailbox: TestMailbox) {
  await signIn(page, mailbox);
  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Outgoing mail" }).click();
  await expect(page.getByRole("heading", { name: "Outgoing mail" })).toBeVisible();
}

async function fillOwnRelay(page: Page, fields: { host: string; port: string; username: string; password: string }) {
  await page.getByRole("radio", { name: "Use my own relay" }).check();
  await page.getByLabel("SMTP server").fill(fields.host);
  await page.getByLabel("Port").fill(fields.port);
  await page.getByLabel("Security").selectOption("starttls");
  await page.getByLabel("Username").fill(fields.username);
  await page.getByLabel("Password", { exact: true }).fill(fields.password);
}

const alert = (page: Page, text: string | RegExp) => page.getByRole("alert").filter({ hasText: text });

test("Test connection signs in to an allowed relay and explains failures", async ({ browser }) => {
  const mailbox = createMailbox("outgoing");
  const context = await newClientContext(browser, app.url);
  const page = await context.newPage();
  await openOutgoingSettings(page, mailbox);
  await expect(page.getByRole("radio", { name: /Use the company relay/ })).toBeChecked();

  const { smtpHost, smtpPort } = mailServer();
  await fillOwnRelay(page, { host: smtpHost, port: String(smtpPort), username: mailbox.email, password: mailbox.password });
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Connected and signed in to ${smtpHost}:${smtpPort}.` })).toBeVisible();

  await page.getByLabel("Password", { exact: true }).fill("wrong-password");
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(alert(page, "did not accept the username or password")).toBeVisible();

  // Allowed is 127.0.0.1 only; another private address is refused before anything connects to it,
  // and a host nobody allowed gets no more detail than "could not connect".
  await page.getByLabel("SMTP server").fill("10.0.0.1");
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(alert(page, `Could not connect to 10.0.0.1:${smtpPort} and sign in.`)).toBeVisible();
  await context.close();
});

test("port presets choose the security", async ({ browser }) => {
  const mailbox = createMailbox("outgoing");
  const context = await newClientContext(browser, app.url);
  const page = await context.newPage();
  await openOutgoingSettings(page, mailbox);
  await page.getByRole("radio", { name: "Use my own relay" }).check();

  await page.getByRole("button", { name: "465 (implicit TLS)" }).click();
  await expect(page.getByLabel("Port")).toHaveValue("465");
  await expect(page.getByLabel("Security")).toHaveValue("tls");
  await page.getByLabel("Port").fill("587");
  await expect(page.getByLabel("Security")).toHaveValue("starttls");
  await page.getByRole("button", { name: "2525 (STARTTLS)" }).click();
  await expect(page.getByLabel("Port")).toHaveValue("2525");
  await expect(page.getByLabel("Security")).toHaveValue("starttls");
  // "None" is offered only where the administrator allows unencrypted relays.
  await expect(page.getByLabel("Security").getByRole("option")).toHaveText(["Implicit TLS", "STARTTLS"]);
  await context.close();
});

test("Save shows field errors next to the fields and keeps what was typed", async ({ browser }) => {
  const mailbox = createMailbox("outgoing");
  const context = await newClientContext(browser, app.url);
  const page = await context.newPage();
  await openOutgoingSettings(page, mailbox);
  await fillOwnRelay(page, { host: "bad host!", port: "70000", username: "someone", password: "typed-secret-1" });
  await page.getByRole("button", { name: "Save" }).click();

  await expect(alert(page, "Please correct the highlighted fields.")).toBeVisible();
  const host = page.getByLabel("SMTP server");
  const port = page.getByLabel("Port");
  await expect(host).toHaveAttribute("aria-invalid", "true");
  await expect(host).toHaveAccessibleDescription(/Enter a server name like smtp.example.com/);
  await expect(port).toHaveAttribute("aria-invalid", "true");
  await expect(port).toHaveAccessibleDescription("Enter a port number from 1 to 65535.");
  await expect(host).toHaveValue("bad host!");
  await expect(port).toHaveValue("70000");
  await expect(page.getByLabel("Username")).toHaveValue("someone");
  await expect(page.getByLabel("Password", { exact: true })).toHaveValue("typed-secret-1");
  await context.close();
});

test("a saved password is kept on the server and never sent back to the browser", async ({ browser }) => {
  const mailbox = createMailbox("outgoing");
  const context = await newClientContext(browser, app.url);
  const page = await context.newPage();
  await openOutgoingSettings(page, mailbox);
  const { smtpHost, smtpPort } = mailServer();
  await fillOwnRelay(page, { host: smtpHost, port: String(smtpPort), username: mailbox.email, password: mailbox.password });
  await page.getByRole("checkbox", { name: /Save a copy in Sent/ }).uncheck();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Outgoing mail settings saved." })).toBeVisible();
  await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");

  await page.reload();
  await expect(page.getByRole("radio", { name: "Use my own relay" })).toBeChecked();
  await expect(page.getByLabel("SMTP server")).toHaveValue(smtpHost);
  await expect(page.getByLabel("Port")).toHaveValue(String(smtpPort));
  await expect(page.getByRole("checkbox", { name: /Save a copy in Sent/ })).not.toBeChecked();
  await expect(page.getByLabel("Password", { exact: true })).toHaveAccessibleDescription(/A password is saved/);
  expect(await page.content()).not.toContain(mailbox.password);
  const source = await (await page.request.get("/settings/outgoing")).text();
  expect(source).toContain("A password is saved");
  expect(source).not.toContain(mailbox.password);

  // An empty password field tests (and keeps) the saved password.
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Connected and signed in to ${smtpHost}:${smtpPort}.` })).toBeVisible();

  // A changed server name needs the password again, so a saved password never goes to another server.
  await page.getByLabel("SMTP server").fill("localhost");
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByLabel("Password", { exact: true })).toHaveAccessibleDescription(/Enter the password again/);

  // The company relay signs in with the mailbox login.
  await page.getByRole("radio", { name: /Use the company relay/ }).check();
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Connected and signed in to ${smtpHost}:${smtpPort}.` })).toBeVisible();
  await context.close();
});

test("without an administrator's exception a relay on a private address is refused", async ({ browser, baseURL }) => {
  const mailbox = createMailbox("outgoing");
  const context = await newClientContext(browser, baseURL);
  const page = await context.newPage();
  await openOutgoingSettings(page, mailbox);
  const { smtpHost, smtpPort } = mailServer();
  await fillOwnRelay(page, { host: smtpHost, port: String(smtpPort), username: mailbox.email, password: mailbox.password });
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(alert(page, `Could not connect to ${smtpHost}:${smtpPort} and sign in.`)).toBeVisible();
  await expect(alert(page, "private")).toHaveCount(0);
  await context.close();
});

test("Test connection is limited per user", async ({ browser }) => {
  const mailbox = createMailbox("outgoing-limit");
  const context = await newClientContext(browser, app.url);
  const page = await context.newPage();
  await openOutgoingSettings(page, mailbox);
  // A private address nobody allowed: refused at once, without connecting anywhere.
  await fillOwnRelay(page, { host: "10.0.0.1", port: "587", username: "", password: "" });
  for (let attempt = 1; attempt <= 10; attempt++) {
    await page.getByRole("button", { name: "Test connection" }).click();
    await expect(alert(page, "Could not connect to 10.0.0.1:587")).toBeVisible();
    await expect(page.getByRole("button", { name: "Test connection" })).toBeEnabled();
  }
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(alert(page, /Too many connection tests\. Try again in \d+ minutes?\./)).toBeVisible();
  await context.close();
});
