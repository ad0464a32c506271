import net from "node:net";

/**
 * Who is on the other end of a request, for the rate limits and for the IMAP server.
 *
 * The socket peer is the only address nobody can invent. Next.js does not hand it to route
 * handlers or server actions: `next start` (node_modules/next/dist/server/base-server.js) does
 * `req.headers['x-forwarded-for'] ??= req.socket.remoteAddress`, so it fills in X-Forwarded-For
 * only when the request has none and never appends; a client talking to Next.js directly can
 * therefore send any X-Forwarded-For it likes and Next.js passes it on unchanged. Mailroom reads
 * the socket peer from its own header instead, which lib/auth/socket-address.ts sets (overwriting
 * anything the client sent) before Next.js sees the request.
 *
 * From the socket peer the walk goes right to left through X-Forwarded-For: as long as the hop
 * that added an entry is a trusted proxy (MAILROOM_TRUSTED_PROXIES), its entry is believed and
 * the walk continues; the first address not vouched for by a trusted proxy is the client.
 * A socket peer that is not a trusted proxy is the client itself, and the header is ignored.
 * The result is what the IMAP server is told as the originating address (IMAP ID
 * x-originating-ip): never an entry that did not come through a trusted proxy.
 */

/**
 * The client when the socket peer is unknown (lib/auth/socket-address.ts not installed, e.g. under
 * a custom server): all such requests share one count rather than trusting any header.
 */
export const UNKNOWN_CLIENT = "unknown";

/** The header lib/auth/socket-address.ts writes the socket peer's address into. */
export const SOCKET_ADDRESS_HEADER = "x-mailroom-socket-address";

// Bounded work on a header the client controls: longer chains than this are not walked.
const MAX_FORWARDED_ENTRIES = 32;
const MAX_FORWARDED_LENGTH = 2048;

/** A parsed MAILROOM_TRUSTED_PROXIES: addresses and CIDR ranges, IPv4 and IPv6. */
export interface TrustedProxies {
  trusts(address: string): boolean;
}

/** Builds the trusted-proxy list from entries such as "127.0.0.1", "10.0.0.0/8", "::1", "fd00::/8". Throws naming a malformed entry. */
export function parseTrustedProxies(entries: readonly string[]): TrustedProxies {
  const list = new net.BlockList();
  for (const entry of entries) {
    const [network = "", bits, extra] = entry
      .trim()
      .replace(/^\[(.*)\]$/, "$1")
      .split("/");
    const address = normalizeIp(network);
    const family = address ? net.isIP(address) : 0;
    const maxBits = family === 6 ? 128 : 32;
    const prefix = bits === undefined ? maxBits : /^\d{1,3}$/.test(bits) ? Number(bits) : NaN;
    if (!address || !family || extra !== undefined || !(prefix >= 0 && prefix <= maxBits)) {
      throw new Error(`"${entry}" is not an IP address or CIDR range`);
    }
    list.addSubnet(address, prefix, family === 6 ? "ipv6" : "ipv4");
  }
  return {
    trusts(input) {
      const address = normalizeIp(input);
      if (!address) return false;
      return list.check(address, net.isIP(address) === 6 ? "ipv6" : "ipv4");
    },
  };
}

/**
 * The client of a request: the socket peer when it is not a trusted proxy, otherwise the
 * rightmost X-Forwarded-For entry not added by a trusted proxy. An entry that is not an IP
 * address stops the walk: the trusted proxy that passed it on is taken as the client, so a
 * malformed chain can only make clients share a count, never escape it.
 */
export function resolveClientAddress(socketAddress: string | null | undefined, forwardedFor: string | null | undefined, trusted: TrustedProxies): string {
  const socket = normalizeIp(socketAddress ?? "");
  if (!socket) return UNKNOWN_CLIENT;
  if (!trusted.trusts(socket) || !forwardedFor || forwardedFor.length > MAX_FORWARDED_LENGTH) return socket;
  const entries = forwardedFor.split(",").slice(-MAX_FORWARDED_ENTRIES);
  let client = socket;
  for (let index = entries.length - 1; index >= 0; index--) {
    const entry = normalizeIp(stripPort(entries[index] ?? ""));
    if (!entry) break;
    client = entry;
    if (!trusted.trusts(entry)) break;
  }
  return client;
}

/** The client of a request from its headers (the socket header written by lib/auth/socket-address.ts). */
export function clientAddressFrom(headers: Headers, trusted: TrustedProxies): string {
  return resolveClientAddress(headers.get(SOCKET_ADDRESS_HEADER), headers.get("x-forwarded-for"), trusted);
}

/** "1.2.3.4:5678" → "1.2.3.4", "[2001:db8::1]:443" → "2001:db8::1"; anything else unchanged. */
function stripPort(entry: string): string {
  const text = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(text);
  if (bracketed) return bracketed[1] ?? "";
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(text);
  return v4WithPort ? (v4WithPort[1] ?? "") : text;
}

/** A canonical IP address (lower case, no zone, IPv4-mapped IPv6 as IPv4), or "" when the text is not one. */
export function normalizeIp(input: string): string {
  const text = input
    .trim()
    .toLowerCase()
    .replace(/%[0-9a-z_.-]+$/, "");
  const family = net.isIP(text);
  if (family === 4) return text;
  if (family !== 6) return "";
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text);
  if (mapped && net.isIP(mapped[1] ?? "") === 4) return mapped[1] ?? "";
  return text;
}
