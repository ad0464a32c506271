import { isIP } from "node:net";
import { ImapFlow } from "imapflow";
import type { ConnectionSecurity } from "../connection-security";

export interface ImapServer {
  host: string;
  port: number;
  security: ConnectionSecurity;
  /** Extra trusted CA certificates (PEM). Certificates are always verified. */
  ca?: string;
  /** The server must accept the connection and greet within this time (default 10 s). */
  timeoutMs?: number;
  /**
   * Once connected, a server silent this long while an answer is due has failed (default 30 s):
   * the waiting command fails with ETIMEOUT and the connection is closed. An idle connection is
   * probed with NOOP instead.
   */
  responseTimeoutMs?: number;
}

export interface MailboxCredentials {
  user: string;
  password: string;
}

export type ImapFailureKind = "auth" | "unreachable" | "timeout" | "tls";

/** Why opening an IMAP connection failed, in terms a user can act on. Never carries the password. */
export class ImapConnectError extends Error {
  constructor(
    readonly kind: ImapFailureKind,
    detail: string,
  ) {
    super(`IMAP ${kind}: ${detail}`);
    this.name = "ImapConnectError";
  }
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_RESPONSE_TIMEOUT_MS = 30_000;
// After a greeting, a server may take its time over LOGIN on purpose: Dovecot delays answers to a
// client with recent failures by up to 15 s. That is an answer, not silence, so it gets longer.
const LOGIN_GRACE_MS = 20_000;

const TLS_ERROR_CODES = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "ERR_SSL_WRONG_VERSION_NUMBER",
]);
const TIMEOUT_CODES = new Set(["CONNECT_TIMEOUT", "GREETING_TIMEOUT", "UPGRADE_TIMEOUT", "ETIMEOUT", "ETIMEDOUT"]);

export interface ConnectOptions {
  /**
   * The browser's address, sent in IMAP ID as x-originating-ip. A server that trusts Mailroom
   * (Dovecot: login_trusted_networks) then logs and rate-limits by the real client, not by the app.
   */
  clientAddress?: string;
}

export function createImapClient(server: ImapServer, credentials: MailboxCredentials, options: ConnectOptions = {}): ImapFlow {
  const timeout = server.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return new ImapFlow({
    host: server.host,
    port: server.port,
    secure: server.security === "tls",
    doSTARTTLS: server.security === "starttls" ? true : server.security === "none" ? false : undefined,
    tls: { ca: server.ca ? [server.ca] : undefined, rejectUnauthorized: true, minVersion: "TLSv1.2" },
    auth: { user: credentials.user, pass: credentials.password },
    logger: false,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: server.responseTimeoutMs ?? DEFAULT_RESPONSE_TIMEOUT_MS,
    clientInfo: {
      name: "Mailroom",
      ...(options.clientAddress && isIP(options.clientAddress) ? { "x-originating-ip": options.clientAddress } : {}),
    },
  });
}

/** Connects and logs in, or throws ImapConnectError saying why (bad credentials, unreachable, too slow, certificate). */
export async function openImapConnection(server: ImapServer, credentials: MailboxCredentials, options: ConnectOptions = {}): Promise<ImapFlow> {
  const client = createImapClient(server, credentials, options);
  // imapflow reports some failures as 'error' events as well as rejections: keep them from crashing the process.
  client.on("error", () => undefined);
  const timeout = (server.timeoutMs ?? DEFAULT_TIMEOUT_MS) + LOGIN_GRACE_MS;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ImapConnectError("timeout", `no answer within ${timeout} ms`)), timeout);
  });
  try {
    await Promise.race([client.connect(), deadline]);
    return client;
  } catch (error) {
    client.close();
    throw classifyImapError(error);
  } finally {
    clearTimeout(timer);
  }
}

export function classifyImapError(error: unknown): ImapConnectError {
  if (error instanceof ImapConnectError) return error;
  const err = error as { code?: string; authenticationFailed?: boolean; message?: string };
  const code = err.code ?? "";
  if (err.authenticationFailed) return new ImapConnectError("auth", "authentication failed");
  if (TIMEOUT_CODES.has(code)) return new ImapConnectError("timeout", code);
  if (TLS_ERROR_CODES.has(code) || code.startsWith("ERR_TLS") || code.startsWith("ERR_SSL")) {
    return new ImapConnectError("tls", code);
  }
  return new ImapConnectError("unreachable", code || err.message || "connection failed");
}
