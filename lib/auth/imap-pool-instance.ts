import { env } from "@/lib/env";
import { ImapPool } from "@/lib/mail/imap/pool";
import type { ImapServer } from "@/lib/mail/imap/connect";

/** The company IMAP server as configured. */
export function imapServer(): ImapServer {
  const { imap, tlsCa, imapPool } = env();
  return { host: imap.host, port: imap.port, security: imap.security, ca: tlsCa, timeoutMs: 10_000, responseTimeoutMs: imapPool.timeoutSeconds * 1000 };
}

// One pool per server process, kept on globalThis so that dev-mode module reloads reuse it.
const holder = globalThis as { __mailroomImapPool?: ImapPool };

export function imapPool(): ImapPool {
  holder.__mailroomImapPool ??= new ImapPool({
    server: imapServer(),
    idleTimeoutMs: env().imapPool.idleSeconds * 1000,
    maxConnections: env().imapPool.max,
  });
  return holder.__mailroomImapPool;
}
