/**
 * Smoke test for the development mail servers started by scripts/mail-server.sh.
 *   npx tsx scripts/check-mail-server.ts
 * Reads the same variables the app reads (from the environment, or from
 * `$MAILROOM_MAIL_STATE/env`, default ./.mail-server/env: run it from the project
 * root) and exits 1 on failure. Sends two messages alice -> bob.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { ImapFlow, type ImapFlowOptions } from "imapflow";
import nodemailer from "nodemailer";
import { connect } from "node:net";

type MailEnv = Record<
  | "MAILROOM_IMAP_HOST"
  | "MAILROOM_IMAP_PORT"
  | "MAILROOM_IMAP_STARTTLS_PORT"
  | "MAILROOM_SMTPS_PORT"
  | "MAILROOM_SMTP_HOST"
  | "MAILROOM_SMTP_PORT"
  | "MAILROOM_TEST_DOMAIN"
  | "MAILROOM_TLS_CA_FILE",
  string
>;

function loadEnv(): MailEnv {
  const stateDir = process.env.MAILROOM_MAIL_STATE ?? path.resolve(".mail-server");
  const fromFile: Record<string, string> = {};
  for (const line of readFileSync(path.join(stateDir, "env"), "utf8").split("\n")) {
    const eq = line.indexOf("=");
    if (eq > 0) fromFile[line.slice(0, eq)] = line.slice(eq + 1);
  }
  const merged: Record<string, string | undefined> = { ...fromFile, ...process.env };
  return new Proxy({} as MailEnv, {
    get: (_, name: string) => merged[name] ?? fail(`${name} is not set`),
  });
}

function fail(message: string): never {
  throw new Error(message);
}

const env = loadEnv();
const host = env.MAILROOM_IMAP_HOST;
const ca = [readFileSync(env.MAILROOM_TLS_CA_FILE)];
const domain = env.MAILROOM_TEST_DOMAIN;
const alice = { user: `alice@${domain}`, pass: "alice-demo-password" };
const bob = { user: `bob@${domain}`, pass: "bob-demo-password" };
const failures: string[] = [];

async function check(name: string, fn: () => Promise<string | void>): Promise<void> {
  try {
    const detail = await fn();
    console.log(`ok   ${name}${detail ? `: ${detail}` : ""}`);
  } catch (error) {
    failures.push(name);
    console.log(`FAIL ${name}: ${(error as Error).message}`);
  }
}

async function expectFailure(fn: () => Promise<unknown>): Promise<string> {
  try {
    await fn();
  } catch (error) {
    const e = error as { response?: string; message: string; authenticationFailed?: boolean };
    return (e.response ?? e.message).trim().slice(0, 120);
  }
  throw new Error("unexpectedly succeeded");
}

function imap(options: Partial<ImapFlowOptions> & { auth: ImapFlowOptions["auth"] }): ImapFlow {
  return new ImapFlow({
    host,
    port: Number(env.MAILROOM_IMAP_PORT),
    secure: true,
    tls: { ca },
    logger: false,
    ...options,
  });
}

async function withImap<T>(client: ImapFlow, fn: (c: ImapFlow) => Promise<T>): Promise<T> {
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.logout().catch(() => undefined);
  }
}

function smtp(port: number, secure: boolean, auth?: { user: string; pass: string }) {
  return nodemailer.createTransport({
    host: env.MAILROOM_SMTP_HOST,
    port,
    secure,
    requireTLS: !secure,
    tls: { ca },
    auth,
  });
}

function imapGreeting(port: number, localAddress: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, localAddress });
    socket.setTimeout(5000, () => socket.destroy(new Error("timeout")));
    socket.once("data", (data) => {
      socket.end("a LOGOUT\r\n");
      resolve(data.toString("latin1").trim());
    });
    socket.once("error", reject);
  });
}

async function waitForSubject(subject: string, timeoutMs = 15000): Promise<number> {
  return withImap(imap({ auth: bob }), async (client) => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const lock = await client.getMailboxLock("INBOX");
      try {
        const uids = await client.search({ header: { subject } }, { uid: true });
        if (uids && uids[0] !== undefined) return uids[0];
      } finally {
        lock.release();
      }
      await new Promise((r) => setTimeout(r, 300));
    }
    throw new Error(`"${subject}" did not arrive in ${bob.user}'s INBOX within ${timeoutMs} ms`);
  });
}

async function main(): Promise<void> {
  await check("IMAPS login + special-use folders", () =>
    withImap(imap({ auth: alice }), async (client) => {
      const list = await client.list();
      const specialUse = list.filter((f) => f.specialUse).map((f) => `${f.path}=${f.specialUse}`);
      for (const want of ["\\Drafts", "\\Sent", "\\Trash", "\\Junk", "\\Archive"]) {
        if (!list.some((f) => f.specialUse === want && f.subscribed)) throw new Error(`no subscribed ${want}`);
      }
      const caps = [...client.capabilities.keys()].filter((c) => /^(SORT|THREAD=REFERENCES|ESORT|SPECIAL-USE|IDLE|NOTIFY|CONDSTORE|QRESYNC|MOVE)$/.test(c));
      return `${specialUse.join(" ")}; caps ${caps.join(" ")}`;
    }),
  );

  await check("STARTTLS login on 10143", () =>
    withImap(imap({ port: Number(env.MAILROOM_IMAP_STARTTLS_PORT), secure: false, auth: alice }), async (c) => {
      if (!c.secureConnection) throw new Error("connection was not upgraded to TLS");
      return "upgraded";
    }),
  );

  // Dovecot 2.3 counts a connection whose remote IP equals its local IP (127.0.0.1 ->
  // 127.0.0.1) as "secured" and then allows LOGIN without TLS; from 127.0.0.2 it doesn't.
  await check("LOGIN before STARTTLS on 10143 is disabled (client 127.0.0.2)", async () => {
    const greeting = await imapGreeting(Number(env.MAILROOM_IMAP_STARTTLS_PORT), "127.0.0.2");
    if (!/LOGINDISABLED/.test(greeting) || !/STARTTLS/.test(greeting)) throw new Error(greeting);
    return "greeting advertises STARTTLS LOGINDISABLED";
  });

  await check("wrong IMAP password is refused", () => expectFailure(() => withImap(imap({ auth: { ...alice, pass: "wrong" } }), async () => undefined)));

  const stamp = `${process.pid}-${Date.now()}`;
  await check("submission 10587 (STARTTLS, AUTH) delivers to bob", async () => {
    const subject = `check 10587 ${stamp}`;
    await smtp(Number(env.MAILROOM_SMTP_PORT), false, alice).sendMail({
      from: alice.user,
      to: bob.user,
      subject,
      text: "hello over submission",
    });
    return `uid ${await waitForSubject(subject)}`;
  });

  await check("smtps 10465 (implicit TLS, AUTH) delivers to bob", async () => {
    const subject = `check 10465 ${stamp}`;
    await smtp(Number(env.MAILROOM_SMTPS_PORT), true, alice).sendMail({
      from: alice.user,
      to: bob.user,
      subject,
      text: "hello over smtps",
    });
    return `uid ${await waitForSubject(subject)}`;
  });

  await check("sending without AUTH is refused", () =>
    expectFailure(() => smtp(Number(env.MAILROOM_SMTP_PORT), false).sendMail({ from: alice.user, to: bob.user, subject: "x", text: "x" })),
  );

  await check("wrong SMTP password is refused", () =>
    expectFailure(() =>
      smtp(Number(env.MAILROOM_SMTP_PORT), false, { ...alice, pass: "wrong" }).sendMail({
        from: alice.user,
        to: bob.user,
        subject: "x",
        text: "x",
      }),
    ),
  );

  console.log(failures.length === 0 ? "mail server OK" : `mail server check FAILED: ${failures.join(", ")}`);
  process.exit(failures.length === 0 ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
