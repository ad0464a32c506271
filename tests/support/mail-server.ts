import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { readFileSync } from "node:fs";
import { ImapFlow, type ImapFlowOptions } from "imapflow";

const ROOT = process.cwd();
const SCRIPT = path.join(ROOT, "scripts/mail-server.sh");

export interface MailServerEnv {
  imapHost: string;
  imapPort: number;
  imapStarttlsPort: number;
  smtpHost: string;
  smtpPort: number;
  smtpsPort: number;
  caFile: string;
  domain: string;
  /** The variables the app reads, for starting app instances. */
  appEnv: Record<string, string>;
}

let cached: MailServerEnv | undefined;

/** The local Dovecot/Postfix started by scripts/mail-server.sh (npm test starts them). */
export function mailServer(): MailServerEnv {
  if (cached) return cached;
  const text = execFileSync("bash", [SCRIPT, "env"], { encoding: "utf8" });
  const vars = Object.fromEntries(
    text
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith("#") && line.includes("="))
      .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
  ) as Record<string, string>;
  const need = (name: string) => {
    const value = vars[name];
    if (!value) throw new Error(`scripts/mail-server.sh env did not print ${name}; is the mail server up?`);
    return value;
  };
  cached = {
    imapHost: need("MAILROOM_IMAP_HOST"),
    imapPort: Number(need("MAILROOM_IMAP_PORT")),
    imapStarttlsPort: Number(need("MAILROOM_IMAP_STARTTLS_PORT")),
    smtpHost: need("MAILROOM_SMTP_HOST"),
    smtpPort: Number(need("MAILROOM_SMTP_PORT")),
    smtpsPort: Number(need("MAILROOM_SMTPS_PORT")),
    caFile: need("MAILROOM_TLS_CA_FILE"),
    domain: need("MAILROOM_TEST_DOMAIN"),
    appEnv: {
      MAILROOM_IMAP_HOST: need("MAILROOM_IMAP_HOST"),
      MAILROOM_IMAP_PORT: need("MAILROOM_IMAP_PORT"),
      MAILROOM_IMAP_SECURITY: need("MAILROOM_IMAP_SECURITY"),
      MAILROOM_SMTP_HOST: need("MAILROOM_SMTP_HOST"),
      MAILROOM_SMTP_PORT: need("MAILROOM_SMTP_PORT"),
      MAILROOM_SMTP_SECURITY: need("MAILROOM_SMTP_SECURITY"),
      MAILROOM_TLS_CA_FILE: need("MAILROOM_TLS_CA_FILE"),
    },
  };
  return cached;
}

export interface TestMailbox {
  email: string;
  password: string;
}

/** A fresh mailbox on the local Dovecot, unique to this call, so tests never share state. */
export function createMailbox(prefix = "user"): TestMailbox {
  const id = `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
  const mailbox = { email: `${prefix}-${id}@${mailServer().domain}`, password: `pw-${randomBytes(9).toString("base64url")}` };
  execFileSync("bash", [SCRIPT, "add-user", mailbox.email, mailbox.password], { stdio: "pipe" });
  return mailbox;
}

/** A direct imapflow connection for setting up or checking a mailbox in tests; `logger` lets a test watch the protocol. */
export async function connectImap(mailbox: TestMailbox, options: { logger?: ImapFlowOptions["logger"] } = {}): Promise<ImapFlow> {
  const { imapHost, imapPort, caFile } = mailServer();
  const client = new ImapFlow({
    host: imapHost,
    port: imapPort,
    secure: true,
    tls: { ca: [readFileSync(caFile, "utf8")] },
    auth: { user: mailbox.email, pass: mailbox.password },
    logger: options.logger ?? false,
  });
  client.on("error", () => undefined);
  await client.connect();
  return client;
}

/** Appends a simple message to a folder of the mailbox. */
export async function appendMessage(
  mailbox: TestMailbox,
  message: { subject: string; from?: string; text?: string; folder?: string; flags?: string[]; date?: Date },
): Promise<void> {
  const client = await connectImap(mailbox);
  try {
    const raw = [
      `From: ${message.from ?? "Sender <sender@example.org>"}`,
      `To: ${mailbox.email}`,
      `Subject: ${message.subject}`,
      `Date: ${(message.date ?? new Date()).toUTCString()}`,
      `Message-ID: <${randomBytes(8).toString("hex")}@example.org>`,
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=utf-8",
      "",
      message.text ?? "Hello.",
      "",
    ].join("\r\n");
    await client.append(message.folder ?? "INBOX", raw, message.flags ?? [], message.date);
  } finally {
    await client.logout();
  }
}
