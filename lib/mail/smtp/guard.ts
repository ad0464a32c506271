import { lookup as dnsLookup } from "node:dns/promises";
import net from "node:net";

/**
 * The request-forgery guard for personal SMTP relays. A user types a host name; without the
 * guard Mailroom could be made to open connections to the loopback interface, the office
 * network or the cloud metadata service. The host is resolved once, every address is checked,
 * and the caller connects to the checked address itself (so a second DNS answer cannot swap
 * in another address between the check and the connect).
 */

export type AddressCategory = "public" | "metadata" | "unspecified" | "loopback" | "private" | "shared" | "link-local" | "unique-local" | "multicast" | "reserved";

const CATEGORY_WORDS: Record<Exclude<AddressCategory, "public">, string> = {
  metadata: "a cloud metadata service",
  unspecified: "an unspecified address",
  loopback: "this server itself (loopback)",
  private: "a private network",
  shared: "a carrier-grade NAT network",
  "link-local": "a link-local network",
  "unique-local": "a private IPv6 network",
  multicast: "a multicast group",
  reserved: "a reserved range",
};

type Range = [address: string, prefix: number];

// Checked in this order; the first match names the category.
const RANGES: [Exclude<AddressCategory, "public">, Range[]][] = [
  [
    "metadata",
    [
      ["169.254.169.254", 32],
      ["100.100.100.200", 32],
      ["192.0.0.192", 32],
      ["fd00:ec2::254", 128],
    ],
  ],
  [
    "unspecified",
    [
      ["0.0.0.0", 8],
      ["::", 128],
    ],
  ],
  [
    "loopback",
    [
      ["127.0.0.0", 8],
      ["::1", 128],
    ],
  ],
  [
    "private",
    [
      ["10.0.0.0", 8],
      ["172.16.0.0", 12],
      ["192.168.0.0", 16],
    ],
  ],
  ["shared", [["100.64.0.0", 10]]],
  [
    "link-local",
    [
      ["169.254.0.0", 16],
      ["fe80::", 10],
    ],
  ],
  [
    "unique-local",
    [
      ["fc00::", 7],
      ["fec0::", 10],
    ],
  ],
  [
    "multicast",
    [
      ["224.0.0.0", 4],
      ["ff00::", 8],
    ],
  ],
  [
    "reserved",
    [
      ["192.0.0.0", 24],
      ["192.0.2.0", 24],
      ["198.18.0.0", 15],
      ["198.51.100.0", 24],
      ["203.0.113.0", 24],
      ["240.0.0.0", 4],
      ["100::", 64],
      ["2001::", 32],
      ["2001:10::", 28],
      ["2001:db8::", 32],
    ],
  ],
];

const CATEGORY_LISTS = RANGES.map(([category, ranges]) => {
  const list = new net.BlockList();
  for (const [address, prefix] of ranges) list.addSubnet(address, prefix, net.isIPv6(address) ? "ipv6" : "ipv4");
  return [category, list] as const;
});

/** Strips brackets and an IPv6 zone ("[fe80::1%eth0]" → "fe80::1") and lower-cases. */
function normalizeAddress(address: string): string {
  return address
    .trim()
    .replace(/^\[(.*)\]$/, "$1")
    .replace(/%.*$/, "")
    .toLowerCase();
}

/**
 * The IPv4 address an IPv6 address carries and would reach: IPv4-mapped (::ffff:a.b.c.d),
 * IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::a.b.c.d) and 6to4 (2002:AABB:CCDD::).
 */
export function embeddedIPv4(address: string): string | undefined {
  const words = ipv6Words(address);
  if (!words) return undefined;
  const [w0, w1, w2, , , w5, w6, w7] = words as [number, number, number, number, number, number, number, number];
  const zero = (from: number, to: number) => words.slice(from, to).every((word) => word === 0);
  const quad = (high: number, low: number) => [high >> 8, high & 0xff, low >> 8, low & 0xff].join(".");
  if (zero(0, 5) && w5 === 0xffff) return quad(w6, w7);
  if (zero(0, 6) && (w6 !== 0 || w7 > 1)) return quad(w6, w7);
  if (w0 === 0x64 && w1 === 0xff9b && zero(2, 6)) return quad(w6, w7);
  if (w0 === 0x2002) return quad(w1, w2);
  return undefined;
}

/** What kind of network an IP address belongs to; anything but "public" is refused unless allowed. */
export function classifyAddress(input: string): AddressCategory {
  const address = normalizeAddress(input);
  const family = net.isIP(address);
  if (family === 0) throw new Error(`not an IP address: ${input}`);
  if (family === 6) {
    const inner = embeddedIPv4(address);
    if (inner) return classifyAddress(inner);
  }
  for (const [category, list] of CATEGORY_LISTS) {
    if (list.check(address, family === 6 ? "ipv6" : "ipv4")) return category;
  }
  return "public";
}

type AllowEntry = { kind: "host"; host: string; port?: number } | { kind: "network"; list: net.BlockList; exact: boolean; port?: number };

/** The administrator's exceptions (MAILROOM_SMTP_ALLOWED_HOSTS), parsed. */
export interface RelayAllowlist {
  entries: AllowEntry[];
}

/**
 * Parses allowlist entries: host names ("smtp.corp.example"), addresses ("10.1.2.3", "[fd00::25]"),
 * either with a port ("smtp.corp.example:2525", "[fd00::25]:587"), or CIDR ranges ("10.20.0.0/16").
 * Throws on an entry that is none of these, naming it.
 */
export function parseAllowlist(entries: readonly string[]): RelayAllowlist {
  return { entries: entries.map(parseAllowEntry) };
}

function parseAllowEntry(raw: string): AllowEntry {
  const entry = raw.trim().toLowerCase();
  const invalid = () => new Error(`MAILROOM_SMTP_ALLOWED_HOSTS: "${raw}" is not a host, host:port, address or CIDR range`);
  const cidr = /^\[?([0-9a-f:.]+)\]?\/(\d{1,3})$/.exec(entry);
  if (cidr) {
    const [, network = "", bits = ""] = cidr;
    const family = net.isIP(network);
    const prefix = Number(bits);
    if (family === 0 || prefix > (family === 4 ? 32 : 128)) throw invalid();
    const list = new net.BlockList();
    list.addSubnet(network, prefix, family === 4 ? "ipv4" : "ipv6");
    return { kind: "network", list, exact: false };
  }
  let host = entry;
  let port: number | undefined;
  const bracketed = /^\[([0-9a-f:.]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) {
    host = bracketed[1] ?? "";
    port = bracketed[2] ? Number(bracketed[2]) : undefined;
  } else if (net.isIP(entry) !== 6) {
    const withPort = /^(.+):(\d+)$/.exec(entry);
    if (withPort) {
      host = withPort[1] ?? "";
      port = Number(withPort[2]);
    }
  }
  if (port !== undefined && (port < 1 || port > 65535)) throw invalid();
  const family = net.isIP(host);
  if (family) {
    const list = new net.BlockList();
    list.addAddress(host, family === 4 ? "ipv4" : "ipv6");
    return { kind: "network", list, exact: true, port };
  }
  if (!isHostName(host)) throw invalid();
  return { kind: "host", host: host.replace(/\.$/, ""), port };
}

const HOST_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** A DNS host name (letters, digits, hyphens; dot-separated labels; at most 253 characters). */
export function isHostName(value: string): boolean {
  const host = value.toLowerCase().replace(/\.$/, "");
  return host.length > 0 && host.length <= 253 && host.split(".").every((label) => HOST_LABEL.test(label));
}

/** Whether the administrator allows this relay host name (typed) on this port, whatever it resolves to. */
export function allowlistPermitsHost(allowlist: RelayAllowlist, host: string, port: number): boolean {
  const name = normalizeAddress(host).replace(/\.$/, "");
  return allowlist.entries.some((entry) => entry.kind === "host" && entry.host === name && (entry.port === undefined || entry.port === port));
}

/** Whether the administrator allows connecting to this address on this port (cloud metadata only by its exact address). */
export function allowlistPermitsAddress(allowlist: RelayAllowlist, address: string, port: number): boolean {
  const ip = normalizeAddress(address);
  const family = net.isIP(ip) === 6 ? "ipv6" : "ipv4";
  const metadata = classifyAddress(ip) === "metadata";
  return allowlist.entries.some(
    (entry) => entry.kind === "network" && (entry.port === undefined || entry.port === port) && (entry.exact || !metadata) && entry.list.check(ip, family),
  );
}

/** The guard refused a relay: it points somewhere Mailroom does not connect to. `code` is "EGUARD". */
export class RelayGuardError extends Error {
  readonly code = "EGUARD";
  constructor(
    readonly host: string,
    readonly address: string,
    readonly category: AddressCategory,
  ) {
    const where = category === "public" ? "an address" : CATEGORY_WORDS[category];
    super(`${host} points to a private address (${address}, ${where}), which Mailroom does not connect to`);
    this.name = "RelayGuardError";
  }
}

/** Resolves a host name to all its addresses (dns.lookup with all: true by default). */
export type LookupAll = (hostname: string) => Promise<string[]>;

const systemLookup: LookupAll = async (hostname) => (await dnsLookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

export interface GuardOptions {
  allowlist: RelayAllowlist;
  lookup?: LookupAll;
  /** The DNS lookup must answer within this time (default 10 s). */
  timeoutMs?: number;
}

/** Where to connect for a relay that passed the guard: an IP address, and the name the certificate must carry. */
export interface CheckedRelayTarget {
  address: string;
  /** The typed host name, for SNI and certificate checks; undefined when the host was an IP address. */
  servername: string | undefined;
}

/**
 * Resolves the relay host once and checks every address it resolves to; the caller must connect
 * to the returned address. Throws RelayGuardError when no address may be used, or the lookup's
 * own error (code ENOTFOUND, EAI_AGAIN, ...), or an error with code ETIMEDOUT when DNS is too slow.
 */
export async function resolveRelayTarget(host: string, port: number, options: GuardOptions): Promise<CheckedRelayTarget> {
  const name = normalizeAddress(host).replace(/\.$/, "");
  const literal = net.isIP(name) !== 0;
  const addresses = literal ? [name] : await withTimeout((options.lookup ?? systemLookup)(name), options.timeoutMs ?? 10_000, name);
  const [firstAddress] = addresses;
  if (firstAddress === undefined) throw Object.assign(new Error(`${name} has no addresses`), { code: "ENOTFOUND" });
  const hostAllowed = !literal && allowlistPermitsHost(options.allowlist, name, port);
  const usable = addresses.map(normalizeAddress).filter((address) => {
    if (hostAllowed) return true;
    return classifyAddress(address) === "public" || allowlistPermitsAddress(options.allowlist, address, port);
  });
  const [address] = usable;
  if (address === undefined) {
    const refused = normalizeAddress(firstAddress);
    throw new RelayGuardError(name, refused, classifyAddress(refused));
  }
  return { address, servername: literal ? undefined : name };
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number, name: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`looking up ${name} took longer than ${timeoutMs} ms`), { code: "ETIMEDOUT" })), timeoutMs);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

function ipv6Words(input: string): number[] | undefined {
  const address = normalizeAddress(input);
  if (net.isIP(address) !== 6) return undefined;
  let text = address;
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = text.slice(0, dotted.index) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes("::") ? text.split("::") : [text, undefined];
  const headWords = head ? head.split(":") : [];
  const tailWords = tail ? tail.split(":") : [];
  const fill = tail === undefined ? [] : Array<string>(8 - headWords.length - tailWords.length).fill("0");
  return [...headWords, ...fill, ...tailWords].map((word) => parseInt(word, 16));
}
