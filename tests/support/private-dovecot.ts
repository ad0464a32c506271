import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { appendFileSync, chmodSync, chownSync, closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { ImapFlow } from "imapflow";
import type { ImapServer } from "@/lib/mail/imap/connect";
import { freePort } from "./app-server";
import { mailServer, type TestMailbox } from "./mail-server";

/**
 * A Dovecot of a test's own (same Debian binaries as scripts/mail-server.sh, own config, state,
 * mail and port on 127.0.0.1), so a test can stop and restart it without disturbing the shared
 * one other tests use. IMAPS only, with the shared test CA's certificate; plain passwords in its
 * own passwd-file. Needs root (Dovecot drops to the vmail user for mail, as the shared one does).
 */
export interface PrivateDovecot {
  /** Where Mailroom connects: 127.0.0.1, implicit TLS, trusted by the test CA. */
  server: ImapServer;
  port: number;
  addUser(prefix: string): TestMailbox;
  appendMessage(mailbox: TestMailbox, subject: string, text?: string): Promise<void>;
  stop(): Promise<void>;
  start(): Promise<void>;
  restart(): Promise<void>;
  /** Stops it and removes everything it wrote. */
  destroy(): Promise<void>;
}

const WAIT_MS = 20_000;

export async function startPrivateDovecot(): Promise<PrivateDovecot> {
  const shared = mailServer();
  const tlsDir = path.dirname(shared.caFile);
  // Short: Dovecot's unix sockets live in base_dir, and socket paths are limited to 107 bytes.
  const dir = mkdtempSync("/tmp/mrdv-");
  chmodSync(dir, 0o755);
  const mailDir = path.join(dir, "mail");
  mkdirSync(mailDir);
  const vmailUid = Number(execFileSync("id", ["-u", "vmail"], { encoding: "utf8" }).trim());
  const vmailGid = Number(execFileSync("id", ["-g", "vmail"], { encoding: "utf8" }).trim());
  chownSync(mailDir, vmailUid, vmailGid);
  const usersFile = path.join(dir, "users");
  writeFileSync(usersFile, "", { mode: 0o644 });
  const port = await freePort();
  /**
   * A login as a user just added. Dovecot re-reads its passwd-file at most once a second, so a
   * user written within the second of the previous lookup is refused for up to a second (this made
   * a fault test fail on a quiet machine): a refusal is retried until the file has been read again.
   */
  async function loggedIn(mailbox: TestMailbox): Promise<ImapFlow> {
    const deadline = Date.now() + 3_000;
    for (;;) {
      const client = new ImapFlow({ host: "127.0.0.1", port, secure: true, tls: { ca: [server.ca!] }, auth: { user: mailbox.email, pass: mailbox.password }, logger: false });
      client.on("error", () => undefined);
      try {
        await client.connect();
        return client;
      } catch (error) {
        if (!(error as { authenticationFailed?: boolean }).authenticationFailed || Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  }
  const conf = path.join(dir, "dovecot.conf");
  writeFileSync(
    conf,
    `# A private Dovecot for one fault test (tests/support/private-dovecot.ts).
instance_name = mailroom-fault-${path.basename(dir)}
base_dir = ${dir}/run
state_dir = ${dir}/state
protocols = imap
listen = 127.0.0.1
log_path = ${dir}/dovecot.log
ssl = yes
ssl_cert = <${tlsDir}/server.pem
ssl_key = <${tlsDir}/server.key
ssl_min_protocol = TLSv1.2
auth_mechanisms = plain login
auth_cache_size = 0
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${usersFile}
}
userdb {
  driver = static
  args = uid=vmail gid=vmail home=${mailDir}/%d/%n
}
first_valid_uid = ${vmailUid}
last_valid_uid = ${vmailUid}
mail_location = maildir:~/Maildir
namespace inbox {
  inbox = yes
  separator = /
  mailbox Drafts {
    special_use = \\Drafts
    auto = subscribe
  }
  mailbox Sent {
    special_use = \\Sent
    auto = subscribe
  }
  mailbox Trash {
    special_use = \\Trash
    auto = subscribe
  }
}
service imap-login {
  inet_listener imap {
    port = 0
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = ${port}
    ssl = yes
  }
}
`,
  );
  const server: ImapServer = { host: "127.0.0.1", port, security: "tls", ca: readFileSync(shared.caFile, "utf8") };

  const masterPid = (): number | undefined => {
    try {
      const pid = Number(readFileSync(path.join(dir, "run", "master.pid"), "utf8").trim());
      process.kill(pid, 0);
      return pid;
    } catch {
      return undefined;
    }
  };

  const start = async () => {
    // Dovecot's master keeps the stdio it was started with: no pipes, or this call would never return.
    const log = openSync(path.join(dir, "startup.log"), "a");
    try {
      execFileSync("dovecot", ["-c", conf], { stdio: ["ignore", log, log] });
    } finally {
      closeSync(log);
    }
    await waitFor(() => accepts(port), "private Dovecot did not start listening");
  };
  // Like systemd stopping dovecot.service: the master and every process it started (an open
  // session's imap and imap-login processes outlive a master that is only sent SIGTERM).
  const stop = async () => {
    const pid = masterPid();
    if (!pid) return;
    const all = [pid, ...childrenOf(pid)];
    for (const each of all) signal(each, "SIGTERM");
    await waitFor(async () => all.every((each) => !alive(each)) && !(await accepts(port)), "private Dovecot did not stop");
  };

  await start();
  return {
    server,
    port,
    addUser(prefix) {
      const mailbox = { email: `${prefix}-${randomBytes(4).toString("hex")}@${shared.domain}`, password: `pw-${randomBytes(9).toString("base64url")}` };
      appendFileSync(usersFile, `${mailbox.email}:{PLAIN}${mailbox.password}\n`);
      return mailbox;
    },
    async appendMessage(mailbox, subject, text = "Hello.") {
      const client = await loggedIn(mailbox);
      try {
        const raw = [
          "From: Sender <sender@example.org>",
          `To: ${mailbox.email}`,
          `Subject: ${subject}`,
          `Date: ${new Date().toUTCString()}`,
          `Message-ID: <${randomBytes(8).toString("hex")}@example.org>`,
          "Content-Type: text/plain; charset=utf-8",
          "",
          text,
          "",
        ].join("\r\n");
        await client.append("INBOX", raw);
      } finally {
        await client.logout().catch(() => client.close());
      }
    },
    stop,
    start,
    async restart() {
      await stop();
      await start();
    },
    async destroy() {
      await stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function childrenOf(parent: number): number[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        // "pid (comm) state ppid ...": comm may hold spaces, so read after its closing parenthesis.
        const stat = readFileSync(`/proc/${name}/stat`, "utf8");
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === parent;
      } catch {
        return false;
      }
    })
    .map(Number);
}

function alive(pid: number): boolean {
  return signal(pid, 0);
}

function signal(pid: number, name: NodeJS.Signals | 0): boolean {
  try {
    process.kill(pid, name);
    return true;
  } catch {
    return false;
  }
}

/** Whether something accepts TCP connections on 127.0.0.1:port now. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

async function waitFor(check: () => boolean | Promise<boolean>, failure: string): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(failure);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
