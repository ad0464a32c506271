import { rootCertificates } from "node:tls";
import nodemailer, { type Transporter } from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import type { ConnectionSecurity } from "../connection-security";
import { parseAllowlist, resolveRelayTarget, type LookupAll } from "./guard";

/** The relay a user's mail goes out through, with everything needed to connect and sign in. */
export interface RelayConfig {
  host: string;
  port: number;
  /** "tls": implicit TLS (465); "starttls": plain connect, then STARTTLS is required; "none": no encryption. */
  security: ConnectionSecurity;
  auth?: { user: string; pass: string };
  /** Append a copy to Sent after sending (off for relays that keep their own copy). */
  saveSentCopy: boolean;
  /** The administrator's relay (MAILROOM_SMTP_*): trusted as configured, so the forgery guard does not apply. */
  isCompanyRelay: boolean;
}

export interface RelayTransportOptions {
  /** Extra trusted certificate authorities (PEM), added to Node's own list. Certificates are always verified. */
  ca?: string;
  /** The administrator's exceptions to the forgery guard (hosts, host:port, addresses, CIDR ranges). */
  allowedHosts?: readonly string[];
  /** Connecting, the greeting, and DNS must each finish within this time (default 10 s). */
  timeoutMs?: number;
  /** Inactivity allowed once connected, e.g. while the server checks a large message (default 60 s). */
  socketTimeoutMs?: number;
  /** Replaces the system resolver (tests). */
  lookup?: LookupAll;
}

export type RelayTransport = Transporter<SMTPTransport.SentMessageInfo, SMTPTransport.Options>;

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_SOCKET_TIMEOUT_MS = 60_000;

/**
 * A nodemailer transport for one relay. A personal relay goes through the forgery guard first:
 * the transport connects to the checked IP address, while TLS still verifies the certificate
 * against the typed host name. Rejects with the guard's RelayGuardError or the lookup's error
 * (ENOTFOUND, ...) before any connection is made. Close it with `transport.close()` when done.
 */
export async function createRelayTransport(relay: RelayConfig, options: RelayTransportOptions = {}): Promise<RelayTransport> {
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let host = relay.host;
  let servername: string | undefined;
  if (!relay.isCompanyRelay) {
    const target = await resolveRelayTarget(relay.host, relay.port, {
      allowlist: parseAllowlist(options.allowedHosts ?? []),
      lookup: options.lookup,
      timeoutMs: timeout,
    });
    host = target.address;
    servername = target.servername;
  }
  return nodemailer.createTransport({
    host,
    port: relay.port,
    secure: relay.security === "tls",
    requireTLS: relay.security === "starttls",
    ignoreTLS: relay.security === "none",
    auth: relay.auth ? { user: relay.auth.user, pass: relay.auth.pass } : undefined,
    tls: {
      servername,
      ca: options.ca ? [...rootCertificates, options.ca] : undefined,
      rejectUnauthorized: true,
      minVersion: "TLSv1.2",
    },
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: options.socketTimeoutMs ?? DEFAULT_SOCKET_TIMEOUT_MS,
    dnsTimeout: timeout,
    logger: false,
    debug: false,
  });
}
