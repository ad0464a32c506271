import { isIP } from "node:net";
import { allowlistPermitsAddress, allowlistPermitsHost, parseAllowlist, RelayGuardError } from "./guard";
import { createRelayTransport, type RelayConfig, type RelayTransportOptions } from "./transport";

export type SmtpFailureKind = "guard" | "not-found" | "refused" | "tls" | "tls-mismatch" | "auth" | "timeout" | "unknown";

export type SmtpCheckResult = { ok: true; message: string } | { ok: false; kind: SmtpFailureKind; message: string };

const NOT_FOUND_CODES = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_NONAME", "EAI_FAIL", "ENODATA", "EAI_NODATA"]);
const CERTIFICATE_ERROR = /certificate|self[- ]signed|altname|does not match|unable to verify|CERT_|ERR_TLS_CERT/i;
const WRONG_TLS_MODE = /wrong version number|packet length too long|unknown protocol|http request/i;

/**
 * Connects to the relay, upgrades to TLS, signs in (nodemailer `verify()`), and says in plain words
 * what worked or what failed. Never repeats the server's own text or the password.
 *
 * Only for the company relay and relays the administrator named in the allow-list does the answer
 * say exactly what failed (refused, timeout, TLS, certificate, name not found, private address).
 * For any other host it says only "signed in", "the server refused the login" or "couldn't
 * connect": otherwise "Test connection" would be a port scanner and an internal DNS oracle.
 */
export async function verifyRelay(relay: RelayConfig, options: RelayTransportOptions = {}): Promise<SmtpCheckResult> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  try {
    const transport = await createRelayTransport(relay, { ...options, socketTimeoutMs: timeoutMs });
    try {
      await transport.verify();
    } finally {
      transport.close();
    }
    const signedIn = relay.auth ? " and signed in" : "";
    return { ok: true, message: `Connected${signedIn} to ${relay.host}:${relay.port}.` };
  } catch (error) {
    const failure = describeSmtpFailure(error, relay, timeoutMs);
    return { ok: false, kind: failure.kind, message: explainsInDetail(relay, options) ? failure.message : describeUntrustedRelayFailure(failure.kind, relay) };
  }
}

/** Whether the administrator vouched for this relay: the company relay, or its typed host (or address) named in the allow-list. */
function explainsInDetail(relay: RelayConfig, options: RelayTransportOptions): boolean {
  if (relay.isCompanyRelay) return true;
  const allowlist = parseAllowlist(options.allowedHosts ?? []);
  const host = relay.host.replace(/^\[(.*)\]$/, "$1");
  return isIP(host) ? allowlistPermitsAddress(allowlist, host, relay.port) : allowlistPermitsHost(allowlist, host, relay.port);
}

/** The only distinctions a relay nobody vouched for gets: the login was refused, or the connection could not be made. */
export function describeUntrustedRelayFailure(kind: SmtpFailureKind, relay: Pick<RelayConfig, "host" | "port">): string {
  const where = `${relay.host}:${relay.port}`;
  if (kind === "auth") return `${where} did not accept the username or password.`;
  return `Could not connect to ${where} and sign in. Check the server name, the port and the Security setting (port 465 usually uses implicit TLS, 587 STARTTLS). Mailroom connects only to public mail servers with a valid certificate, and to servers your administrator allowed.`;
}

/** Turns a guard, DNS, socket, TLS or SMTP error into what the user can do about it. */
export function describeSmtpFailure(error: unknown, relay: Pick<RelayConfig, "host" | "port" | "security">, timeoutMs = 10_000): { kind: SmtpFailureKind; message: string } {
  const where = `${relay.host}:${relay.port}`;
  if (error instanceof RelayGuardError) {
    return {
      kind: "guard",
      message: `${relay.host} points to a private or internal address. Mailroom does not connect to those; ask your administrator if this server should be allowed.`,
    };
  }
  const err = (error ?? {}) as { code?: string; message?: string; responseCode?: number; syscall?: string };
  const code = err.code ?? "";
  const message = err.message ?? "";
  if (NOT_FOUND_CODES.has(code)) {
    return code === "EAI_AGAIN"
      ? { kind: "not-found", message: `The server name ${relay.host} could not be looked up right now. Check the spelling, or try again in a minute.` }
      : { kind: "not-found", message: `The server name ${relay.host} was not found. Check the spelling.` };
  }
  if (code === "ECONNREFUSED" || /\bECONNREFUSED\b/.test(message)) {
    return { kind: "refused", message: `${where} refused the connection. Check the server name and the port.` };
  }
  if (code === "EAUTH" || err.responseCode === 535) {
    return { kind: "auth", message: `${where} did not accept the username or password.` };
  }
  if (CERTIFICATE_ERROR.test(message)) {
    return {
      kind: "tls",
      message: `The TLS certificate of ${relay.host} could not be verified, so Mailroom did not send the password. The certificate may have expired, be self-signed, or be issued for another name.`,
    };
  }
  if (WRONG_TLS_MODE.test(message)) {
    const hint = relay.security === "tls" ? "try STARTTLS (port 587 usually uses STARTTLS)" : "try implicit TLS (port 465 usually uses implicit TLS)";
    return { kind: "tls-mismatch", message: `${where} does not speak the chosen security: ${hint}.` };
  }
  if (code === "ETIMEDOUT" || /timeout|timed out|greeting never received/i.test(message)) {
    return { kind: "timeout", message: `${where} did not answer within ${Math.round(timeoutMs / 1000)} seconds. Check the server name, the port and any firewall.` };
  }
  if (code === "ETLS" || /STARTTLS/i.test(message)) {
    return { kind: "tls", message: `${where} could not set up an encrypted connection (STARTTLS). Check the Security setting.` };
  }
  return { kind: "unknown", message: `Could not connect to ${where}. Check the server name, the port and the Security setting.` };
}
