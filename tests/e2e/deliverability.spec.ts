import { generateKeyPairSync } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { startApp, testAppEnv, type AppServer } from "../support/app-server";
import { newClientContext, signIn } from "../support/browser";
import { startDnsServer, type RunningDnsZoneServer, type TestDnsZone } from "../support/dns-server";
import { connectImap, createMailbox, mailServer } from "../support/mail-server";

/**
 * The deliverability check end to end: an app whose DNS (for the check only) is a dnsmasq on
 * loopback serving the test mail domain, which the user's sign-in identity is in, and Mailgun.
 * First the domain lacks Mailgun's include and DKIM key (red, and the composer asks before sending
 * from it), then the zone is fixed (green). The sign-in identity can be sent from without proof.
 */
const DOMAIN = mailServer().domain;
const dkimKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ format: "der", type: "spki" }).toString("base64");

function zone(fixed: boolean): TestDnsZone {
  return {
    localDomains: [DOMAIN, "mailgun.org"],
    txt: [
      [DOMAIN, fixed ? "v=spf1 mx include:mailgun.org ~all" : "v=spf1 mx ~all"],
      [`_dmarc.${DOMAIN}`, "v=DMARC1; p=reject"],
      ["mailgun.org", "v=spf1 ip4:198.51.100.0/24 ~all"],
      ...(fixed ? [[`mx._domainkey.${DOMAIN}`, `k=rsa; p=${dkimKey}`] as [string, string]] : []),
    ],
    mx: [[DOMAIN, `in.${DOMAIN}`, 10]],
    hosts: [
      [`in.${DOMAIN}`, "192.0.2.25"],
      ["smtp.eu.mailgun.org", "198.51.100.5"],
    ],
    ptr: [["198.51.100.5", "smtp.eu.mailgun.org"]],
  };
}

const AUTHSERV_ID = "mx.mailroom.test";

let dns: RunningDnsZoneServer;
let app: AppServer;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  dns = await startDnsServer(zone(false));
  app = await startApp(testAppEnv({ MAILROOM_DNS_SERVERS: dns.server, MAILROOM_AUTHSERV_ID: AUTHSERV_ID }));
});

test.afterAll(async () => {
  await app?.stop();
  await dns?.stop();
});

/** WCAG 2.2 AA violations on the page as it is, light and dark (the marks and warnings have colours of their own). */
async function violationsInBothSchemes(page: Page): Promise<string[]> {
  const found: string[] = [];
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).exclude('iframe[title^="Message:"]').analyze();
    found.push(...result.violations.flatMap((violation) => violation.nodes.map((node) => `${colorScheme} ${violation.id}: ${node.target.join(" ")}`)));
  }
  await page.emulateMedia({ colorScheme: "light" });
  return found;
}

async function startMessageFrom(page: Page, from: string) {
  await page.goto("/compose");
  await expect(page.getByRole("textbox", { name: "Message" })).toBeVisible();
  await page.getByLabel("From").selectOption(from);
  await page.getByRole("combobox", { name: "To" }).fill("reader@elsewhere.example");
  await page.getByLabel("Subject").fill("Our newsletter");
  await page.getByRole("textbox", { name: "Message" }).click();
  await page.keyboard.type("This month's news.");
  await page.getByRole("button", { name: "Send" }).click();
  return page.getByRole("alertdialog", { name: "Send this message?" });
}

test("Mailgun EU: red for a domain without its include and DKIM key, the composer asks; green once the zone is fixed", async ({ browser }) => {
  test.setTimeout(180_000);
  const mailbox = createMailbox("deliver");
  const sender = mailbox.email;
  const context = await newClientContext(browser, app.url);
  const page = await context.newPage();
  await signIn(page, mailbox);

  // The preset fills in Mailgun EU's server and says what its username is.
  await page.goto("/settings/outgoing");
  await page.getByRole("radio", { name: "Use my own relay" }).check();
  await page.getByRole("combobox", { name: "Relay service" }).selectOption({ label: "Mailgun (EU)" });
  await expect(page.getByLabel("SMTP server")).toHaveValue("smtp.eu.mailgun.org");
  await expect(page.getByLabel("Port")).toHaveValue("587");
  await expect(page.getByLabel("Security")).toHaveValue("starttls");
  await expect(page.getByLabel("Username")).toHaveAccessibleDescription(/SMTP login of your sending domain/);

  // Saving runs the check: red for the sign-in identity, in words and with the records to add.
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Outgoing mail settings saved." })).toBeVisible();
  const results = page.getByRole("list", { name: "Deliverability by address" });
  const identity = results.getByRole("listitem", { name: sender });
  await expect(identity).toContainText(`Mail from ${sender} through Mailgun (EU) is likely to be rejected`, { timeout: 30_000 });
  const checks = identity.getByRole("list", { name: `Checks for ${sender}` });
  // Mailgun bounces through its own domain, so SPF alone can't pass DMARC here: amber, not red.
  await expect(checks.getByRole("listitem", { name: "SPF" })).toContainText("Needs attention");
  await expect(checks.getByRole("listitem", { name: "DKIM" })).toContainText("Fails");
  await expect(checks.getByRole("listitem", { name: "DMARC" })).toContainText("Fails");
  await expect(checks.getByRole("listitem", { name: "SPF" }).getByLabel(`TXT record for ${DOMAIN}`)).toHaveText(`${DOMAIN}. TXT "v=spf1 mx include:mailgun.org ~all"`);
  await expect(checks.getByRole("listitem", { name: "Reverse DNS of the relay" })).toContainText("Passes");
  expect(await violationsInBothSchemes(page)).toEqual([]);

  // The composer asks before sending from the red identity; Go back keeps the message.
  const dialog = await startMessageFrom(page, sender);
  await expect(dialog).toContainText("Mail from this address through your relay is likely to be rejected by receivers: DKIM: None of the selectors mx, smtp, k1, pic");
  await dialog.getByRole("button", { name: "Go back" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByLabel("Subject")).toHaveValue("Our newsletter");

  // The zone gets Mailgun's include and DKIM key; Check deliverability asks DNS again: green.
  await dns.replaceZone(zone(true));
  await page.goto("/settings/outgoing");
  await expect(identity).toContainText("is likely to be rejected");
  await page.getByRole("button", { name: "Check deliverability" }).click();
  await expect(identity).toContainText(`Mail from ${sender} through Mailgun (EU) will pass DMARC via DKIM.`, { timeout: 30_000 });
  for (const name of ["SPF", "DKIM", "DMARC"]) await expect(checks.getByRole("listitem", { name })).toContainText("Passes");

  // Now the composer only asks about the outside recipient.
  const again = await startMessageFrom(page, sender);
  await expect(again).toContainText("outside your company");
  await expect(again).not.toContainText("likely to be rejected");
  await again.getByRole("button", { name: "Go back" }).click();
  await context.close();
});

test("received mail: our server's failed DMARC verdict is shown and warned about; a forged pass from elsewhere is not", async ({ browser }) => {
  const mailbox = createMailbox("authres");
  const client = await connectImap(mailbox);
  let uid: number;
  try {
    const raw = [
      "Authentication-Results: relay.evil.example; dmarc=pass header.from=bank.example",
      `Authentication-Results: ${AUTHSERV_ID}; spf=fail smtp.mailfrom=bank.example; dkim=none; dmarc=fail header.from=bank.example`,
      "From: Bank <alerts@bank.example>",
      `To: ${mailbox.email}`,
      "Subject: Your account",
      "",
      "Please confirm your password.",
      "",
    ].join("\r\n");
    const appended = await client.append("INBOX", raw);
    uid = Number(appended && appended.uid);
  } finally {
    await client.logout();
  }
  const context = await newClientContext(browser, app.url);
  const page = await context.newPage();
  await signIn(page, mailbox);
  await page.goto(`/mail/INBOX/${uid}`);
  await expect(page.getByRole("alert").filter({ hasText: "Be careful: this message may not be from alerts@bank.example." })).toContainText(
    "sender checks failed (DMARC fail for bank.example)",
  );
  await page.getByRole("button", { name: "Show details" }).click();
  const checks = page.getByRole("region", { name: "Sender checks by your mail server" });
  // The ✗ beside a failure is decoration (aria-hidden): the words say it.
  await expect(checks).toContainText(/SPF\W*fail \(bank\.example\)/);
  await expect(checks).toContainText(/DMARC\W*fail \(bank\.example\)/);
  await expect(checks).not.toContainText("pass");
  expect(await violationsInBothSchemes(page)).toEqual([]);
  await context.close();
});
