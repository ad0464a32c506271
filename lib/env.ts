import { readFileSync } from "node:fs";
import { isIP } from "node:net";
import path from "node:path";
import { z } from "zod";

/**
 * The one reader of process.env. Every setting is parsed and checked here once;
 * a missing or malformed variable stops the app at start-up with its name.
 */

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

const security = z.enum(["tls", "starttls", "none"]);

const port = z.coerce.number({ error: "must be a port number" }).int("must be a whole number").min(1, "must be between 1 and 65535").max(65535, "must be between 1 and 65535");

const positiveInt = z.coerce.number({ error: "must be a number" }).int("must be a whole number").positive("must be positive");

const commaList = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? "")
      .split(",")
      .map((item) => item.trim().toLowerCase())
      .filter(Boolean),
  );

const domainList = commaList.pipe(z.array(z.string().regex(/^(?=.{1,253}$)([a-z0-9-]+\.)*[a-z0-9-]+$/, "must be comma-separated domain names")));

/** An IPv4 or IPv6 address, or a CIDR range of either ("10.0.0.0/8", "fd00::/8"). */
function isAddressOrRange(entry: string): boolean {
  const [address = "", bits, extra] = entry.replace(/^\[(.*)\]$/, "$1").split("/");
  const family = isIP(address);
  if (!family || extra !== undefined) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
}

const addressList = commaList.pipe(z.array(z.string().refine(isAddressOrRange, "must be comma-separated IP addresses or CIDR ranges")));

/**
 * `MAILROOM_DNS_SERVERS`: comma-separated resolver addresses, each `host` or `host:port` (IPv6 as
 * `::1` or `[::1]:53`). The host must be an IP address: a resolver can't be found by name. Unset or
 * blank means the system's resolvers (`servers: undefined`).
 */
export function parseDnsServers(value?: string): { ok: true; servers: string[] | undefined } | { ok: false; error: string } {
  if (value === undefined || value.trim() === "") return { ok: true, servers: undefined };
  const servers: string[] = [];
  for (const raw of value.split(",")) {
    const entry = raw.trim();
    if (entry === "") continue;
    const server = dnsServerAddress(entry);
    if (!server) return { ok: false, error: `"${entry.slice(0, 80)}" is not an IP address or address:port` };
    servers.push(server);
  }
  return { ok: true, servers: servers.length > 0 ? servers : undefined };
}

function dnsServerAddress(entry: string): string | undefined {
  if (isIP(entry) !== 0) return entry;
  const isPort = (text: string) => Number(text) >= 1 && Number(text) <= 65535;
  const bracketed = /^\[([0-9A-Fa-f:.]+)\]:(\d{1,5})$/.exec(entry);
  if (bracketed) {
    const [, address = "", port = ""] = bracketed;
    return isIP(address) === 6 && isPort(port) ? `[${address}]:${Number(port)}` : undefined;
  }
  const hostPort = /^([0-9.]+):(\d{1,5})$/.exec(entry);
  if (hostPort) {
    const [, address = "", port = ""] = hostPort;
    return isIP(address) === 4 && isPort(port) ? `${address}:${Number(port)}` : undefined;
  }
  return undefined;
}

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value && value.trim() ? value.trim() : undefined));

const rawSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  MAILROOM_IMAP_HOST: z.string().trim().min(1, "is required: the host name of your IMAP server"),
  MAILROOM_IMAP_PORT: port.optional(),
  MAILROOM_IMAP_SECURITY: security.default("tls"),
  MAILROOM_SMTP_HOST: z.string().trim().min(1, "is required: the host name of the company's SMTP relay"),
  MAILROOM_SMTP_PORT: port.optional(),
  MAILROOM_SMTP_SECURITY: security.default("starttls"),
  MAILROOM_TLS_CA_FILE: optionalText,
  MAILROOM_ALLOWED_DOMAINS: domainList,
  AUTH_SECRET: optionalText.pipe(z.string().min(32, "must be at least 32 characters (try: openssl rand -base64 32)").optional()),
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
      .optional(),
  ),
  MAILROOM_DATA_DIR: z.string().trim().min(1).default("./data"),
  PORT: port.default(3000),
  MAILROOM_SESSION_IDLE_MINUTES: positiveInt.default(480),
  MAILROOM_SESSION_LIFETIME_HOURS: positiveInt.default(168),
  MAILROOM_IMAP_POOL_MAX: positiveInt.default(500),
  MAILROOM_IMAP_IDLE_SECONDS: positiveInt.default(300),
  MAILROOM_IMAP_TIMEOUT_SECONDS: positiveInt.default(30),
  MAILROOM_SIGNIN_MAX_FAILURES: positiveInt.default(5),
  MAILROOM_SIGNIN_MAX_FAILURES_PER_CLIENT: positiveInt.default(20),
  MAILROOM_SIGNIN_WINDOW_MINUTES: positiveInt.default(15),
  MAILROOM_TRUSTED_PROXIES: addressList,
  MAILROOM_SESSIONS_PER_USER: positiveInt.default(20),
  MAILROOM_LIVE_STREAMS_PER_USER: positiveInt.default(10),
  MAILROOM_SEND_LIMIT: positiveInt.default(60),
  MAILROOM_SEND_LIMIT_MINUTES: positiveInt.default(10),
  MAILROOM_SMTP_ALLOWED_HOSTS: commaList,
  MAILROOM_SMTP_ALLOW_INSECURE: z.enum(["true", "false"], { error: 'must be "true" or "false"' }).default("false"),
  MAILROOM_IDENTITY_DOMAINS: domainList,
  MAILROOM_VOUCHED_IDENTITIES: commaList.pipe(
    z.array(z.string().regex(/^([^\s@,]+@)?(?=.{1,253}$)([a-z0-9-]+\.)*[a-z0-9-]+$/, "must be comma-separated addresses (news@example.com) or domains (example.com)")),
  ),
  MAILROOM_ATTACHMENT_MAX_MB: positiveInt.default(25),
  MAILROOM_MESSAGE_MAX_MB: positiveInt.default(25),
  MAILROOM_UPLOADS_PER_USER: positiveInt.default(100),
  MAILROOM_UPLOAD_QUOTA_MB: positiveInt.default(250),
  MAILROOM_DNS_SERVERS: z.string().optional(),
  MAILROOM_AUTHSERV_ID: optionalText.pipe(
    z
      .string()
      .max(253, "must be at most 253 characters")
      .regex(/^[^\s;()"\\]+$/, "must be one word, the authserv-id your mail server writes into Authentication-Results (often its host name)")
      .optional(),
  ),
});

export type Security = z.infer<typeof security>;

export interface ServerEndpoint {
  host: string;
  port: number;
  security: Security;
}

export interface Env {
  production: boolean;
  imap: ServerEndpoint;
  smtp: ServerEndpoint;
  /** Extra trusted certificate authorities (PEM), added to Node's own list. */
  tlsCa: string | undefined;
  allowedDomains: string[];
  authSecret: string;
  databaseUrl: string | undefined;
  dataDir: string;
  port: number;
  session: { idleMinutes: number; lifetimeHours: number; maxPerUser: number };
  imapPool: { max: number; idleSeconds: number; timeoutSeconds: number };
  signIn: { maxFailuresPerAddress: number; maxFailuresPerClient: number; windowMinutes: number };
  /**
   * Reverse proxies whose X-Forwarded-For entries are believed (addresses and CIDR ranges). The
   * client is the rightmost entry not added by one of them; with none, the socket peer is the client.
   */
  trustedProxies: string[];
  /** Live-update streams one user may hold open in one instance, across all their sessions. */
  liveStreamsPerUser: number;
  /** Messages one user may send per window (counted in the database, shared by all instances). */
  sendLimit: { max: number; windowMinutes: number };
  /**
   * Personal relays: hosts, host:port pairs or CIDR ranges allowed despite resolving to private
   * addresses. Their syntax is checked at start-up by lib/outgoing/relay-policy.ts checkRelayAllowlist.
   */
  smtpAllowedHosts: string[];
  /** Whether personal relays may use security "none". */
  smtpAllowInsecure: boolean;
  /** Domains a user may add identities (From addresses) in; empty means the sign-in address's own domain. */
  identityDomains: string[];
  /** Addresses or whole domains the administrator vouches for: identities there need no mailed confirmation code. */
  vouchedIdentities: string[];
  limits: { attachmentBytes: number; messageBytes: number };
  /** Attachments waiting to be sent, per user: how many files and how many bytes in all. */
  uploadQuota: { maxFiles: number; maxBytes: number };
  /** Resolvers for the deliverability check (ip or ip:port); undefined means the system's. */
  dnsServers: string[] | undefined;
  /**
   * The authserv-id of the company's mail server: only Authentication-Results headers it added are
   * shown (anyone else's are attacker-controlled). Undefined: none are shown.
   */
  authservId: string | undefined;
}

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Mailroom cannot start, its configuration has problems:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

function defaultPort(kind: "imap" | "smtp", sec: Security): number {
  if (kind === "imap") return sec === "tls" ? 993 : 143;
  return sec === "tls" ? 465 : 587;
}

/** Parses an environment (process.env by default) into Mailroom's settings, or throws EnvError naming each bad variable. */
export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = rawSchema.safeParse(source);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((issue) => `${String(issue.path[0] ?? "?")} ${issue.message}`));
  }
  const raw = result.data;
  const problems: string[] = [];

  for (const kind of ["IMAP", "SMTP"] as const) {
    const host = raw[`MAILROOM_${kind}_HOST`];
    if (raw[`MAILROOM_${kind}_SECURITY`] === "none" && !LOOPBACK_HOSTS.has(host.toLowerCase())) {
      problems.push(`MAILROOM_${kind}_SECURITY may be "none" only for a loopback host (127.0.0.1, ::1, localhost), not ${host}`);
    }
  }

  let tlsCa: string | undefined;
  if (raw.MAILROOM_TLS_CA_FILE) {
    try {
      tlsCa = readFileSync(raw.MAILROOM_TLS_CA_FILE, "utf8");
      if (!tlsCa.includes("-----BEGIN CERTIFICATE-----")) {
        problems.push(`MAILROOM_TLS_CA_FILE must be a PEM certificate file; ${raw.MAILROOM_TLS_CA_FILE} has no certificate in it`);
      }
    } catch (error) {
      problems.push(`MAILROOM_TLS_CA_FILE cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"}): ${raw.MAILROOM_TLS_CA_FILE}`);
    }
  }

  const production = raw.NODE_ENV === "production";
  let authSecret = raw.AUTH_SECRET;
  if (!authSecret) {
    if (production) problems.push("AUTH_SECRET is required in production (try: openssl rand -base64 32)");
    authSecret = developmentSecret();
  }

  const dnsServers = parseDnsServers(raw.MAILROOM_DNS_SERVERS);
  if (!dnsServers.ok) problems.push(`MAILROOM_DNS_SERVERS must be comma-separated IP addresses or address:port pairs; ${dnsServers.error}`);

  if (problems.length) throw new EnvError(problems);

  return {
    production,
    imap: {
      host: raw.MAILROOM_IMAP_HOST,
      port: raw.MAILROOM_IMAP_PORT ?? defaultPort("imap", raw.MAILROOM_IMAP_SECURITY),
      security: raw.MAILROOM_IMAP_SECURITY,
    },
    smtp: {
      host: raw.MAILROOM_SMTP_HOST,
      port: raw.MAILROOM_SMTP_PORT ?? defaultPort("smtp", raw.MAILROOM_SMTP_SECURITY),
      security: raw.MAILROOM_SMTP_SECURITY,
    },
    tlsCa,
    allowedDomains: raw.MAILROOM_ALLOWED_DOMAINS,
    authSecret,
    databaseUrl: raw.DATABASE_URL,
    dataDir: path.resolve(raw.MAILROOM_DATA_DIR),
    port: raw.PORT,
    session: {
      idleMinutes: raw.MAILROOM_SESSION_IDLE_MINUTES,
      lifetimeHours: raw.MAILROOM_SESSION_LIFETIME_HOURS,
      maxPerUser: raw.MAILROOM_SESSIONS_PER_USER,
    },
    imapPool: { max: raw.MAILROOM_IMAP_POOL_MAX, idleSeconds: raw.MAILROOM_IMAP_IDLE_SECONDS, timeoutSeconds: raw.MAILROOM_IMAP_TIMEOUT_SECONDS },
    signIn: {
      maxFailuresPerAddress: raw.MAILROOM_SIGNIN_MAX_FAILURES,
      maxFailuresPerClient: raw.MAILROOM_SIGNIN_MAX_FAILURES_PER_CLIENT,
      windowMinutes: raw.MAILROOM_SIGNIN_WINDOW_MINUTES,
    },
    trustedProxies: raw.MAILROOM_TRUSTED_PROXIES,
    liveStreamsPerUser: raw.MAILROOM_LIVE_STREAMS_PER_USER,
    sendLimit: { max: raw.MAILROOM_SEND_LIMIT, windowMinutes: raw.MAILROOM_SEND_LIMIT_MINUTES },
    smtpAllowedHosts: raw.MAILROOM_SMTP_ALLOWED_HOSTS,
    smtpAllowInsecure: raw.MAILROOM_SMTP_ALLOW_INSECURE === "true",
    identityDomains: raw.MAILROOM_IDENTITY_DOMAINS,
    vouchedIdentities: raw.MAILROOM_VOUCHED_IDENTITIES,
    limits: { attachmentBytes: raw.MAILROOM_ATTACHMENT_MAX_MB * 1024 * 1024, messageBytes: raw.MAILROOM_MESSAGE_MAX_MB * 1024 * 1024 },
    uploadQuota: { maxFiles: raw.MAILROOM_UPLOADS_PER_USER, maxBytes: raw.MAILROOM_UPLOAD_QUOTA_MB * 1024 * 1024 },
    dnsServers: dnsServers.ok ? dnsServers.servers : undefined,
    authservId: raw.MAILROOM_AUTHSERV_ID?.toLowerCase(),
  };
}

/** Outside production a missing AUTH_SECRET gets a random one per process: sessions end when the server restarts. */
function developmentSecret(): string {
  const holder = globalThis as { __mailroomDevSecret?: string };
  holder.__mailroomDevSecret ??= crypto.randomUUID() + crypto.randomUUID();
  return holder.__mailroomDevSecret;
}

let cached: Env | undefined;

/** The app's settings, parsed on first use. */
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}
