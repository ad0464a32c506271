import { isIP } from "node:net";
import { allowlistPermitsAddress, allowlistPermitsHost, parseAllowlist, RelayGuardError } from "./guard";
import type { SendingKey, SendingWords } from "../sending-words";
import { createRelayTransport, type RelayConfig, type RelayTransportOptions } from "./transport";

export type SmtpFailureKind = "guard" | "not-found" | "refused" | "tls" | "tls-mismatch" | "auth" | "timeout" | "unknown";

export type SmtpCheckResult = { ok: true; words: SendingWords } | { ok: false; kind: SmtpFailureKind; words: SendingWords };

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
    return { ok: true, words: { key: "smtp.connected", values: { where: `${relay.host}:${relay.port}`, signedIn: relay.auth ? "yes" : "no" } } };
  } catch (error) {
    const failure = describeSmtpFailure(error, relay, timeoutMs);
    return { ok: false, kind: failure.kind, words: explainsInDetail(relay, options) ? failure.words : describeUntrustedRelayFailure(failure.kind, relay) };
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
export function describeUntrustedRelayFailure(kind: SmtpFailureKind, relay: Pick<RelayConfig, "host" | "port">): SendingWords {
  const where = `${relay.host}:${relay.port}`;
  return { key: kind === "auth" ? "smtp.auth" : "smtp.untrusted", values: { where } };
}

/** Turns a guard, DNS, socket, TLS or SMTP error into what the user can do about it (never the server's own words). */
export function describeSmtpFailure(error: unknown, relay: Pick<RelayConfig, "host" | "port" | "security">, timeoutMs = 10_000): { kind: SmtpFailureKind; words: SendingWords } {
  const where = `${relay.host}:${relay.port}`;
  const failure = (kind: SmtpFailureKind, key: SendingKey, values: Record<string, string | number> = {}) => ({
    kind,
    words: { key, values: { where, host: relay.host, ...values } },
  });
  if (error instanceof RelayGuardError) return failure("guard", "smtp.guard");
  const err = (error ?? {}) as { code?: string; message?: string; responseCode?: number; syscall?: string };
  const code = err.code ?? "";
  const message = err.message ?? "";
  if (NOT_FOUND_CODES.has(code)) return failure("not-found", code === "EAI_AGAIN" ? "smtp.lookupLater" : "smtp.notFound");
  if (code === "ECONNREFUSED" || /\bECONNREFUSED\b/.test(message)) return failure("refused", "smtp.refused");
  if (code === "EAUTH" || err.responseCode === 535) return failure("auth", "smtp.auth");
  if (CERTIFICATE_ERROR.test(message)) return failure("tls", "smtp.certificate");
  if (WRONG_TLS_MODE.test(message)) return failure("tls-mismatch", "smtp.tlsMismatch", { tryInstead: relay.security === "tls" ? "starttls" : "tls" });
  if (code === "ETIMEDOUT" || /timeout|timed out|greeting never received/i.test(message)) return failure("timeout", "smtp.timeout", { seconds: Math.round(timeoutMs / 1000) });
  if (code === "ETLS" || /STARTTLS/i.test(message)) return failure("tls", "smtp.starttls");
  return failure("unknown", "smtp.unknown");
}
