import { promises as dnsPromises } from "node:dns";
import net from "node:net";

/**
 * DNS access for the deliverability check. Every lookup returns a result, never throws, and tells
 * "the domain has no such record" (nxdomain, nodata) apart from "Mailroom couldn't ask" (timeout,
 * servfail, error): only the first may ever be reported as a problem of the domain.
 */
export type DnsFailureKind = "nxdomain" | "nodata" | "timeout" | "servfail" | "error";
export type DnsResult<T> = { ok: true; records: T[] } | { ok: false; kind: DnsFailureKind };
export interface MxRecord {
  exchange: string;
  priority: number;
}

/** What the checks need from DNS; the real one is `createDnsLookup`, tests pass an in-memory zone. */
export interface DnsLookup {
  /** Each TXT record with its character-strings joined, as SPF, DKIM and DMARC read them. */
  txt(name: string): Promise<DnsResult<string>>;
  a(name: string): Promise<DnsResult<string>>;
  aaaa(name: string): Promise<DnsResult<string>>;
  mx(name: string): Promise<DnsResult<MxRecord>>;
  /** The PTR names of an IPv4 or IPv6 address (the reverse name is built here). */
  ptr(address: string): Promise<DnsResult<string>>;
  cname(name: string): Promise<DnsResult<string>>;
}

/** Whether a failed lookup means "couldn't check" rather than "the record isn't there". */
export function isLookupInconclusive(kind: DnsFailureKind): boolean {
  return kind === "timeout" || kind === "servfail" || kind === "error";
}

// DNS data is controlled by whoever owns the domain being checked: bound what we accept.
export const MAX_RECORDS_PER_ANSWER = 64;
export const MAX_TXT_RECORD_LENGTH = 8192;
const MAX_NAME_LENGTH = 253;

export interface DnsLookupOptions {
  /** Resolver addresses (MAILROOM_DNS_SERVERS, lib/env.ts); the system's resolvers when absent or empty. */
  servers?: string[];
  /** Per try, in milliseconds. */
  timeoutMs?: number;
  tries?: number;
}

export function createDnsLookup(options: DnsLookupOptions = {}): DnsLookup {
  const resolver = new dnsPromises.Resolver({ timeout: options.timeoutMs ?? 2500, tries: options.tries ?? 2 });
  if (options.servers && options.servers.length > 0) resolver.setServers(options.servers);

  return {
    txt: (name) =>
      guarded(name, async () => {
        const records = await resolver.resolveTxt(name);
        const joined = records.map((chunks) => chunks.join(""));
        return joined.some((text) => text.length > MAX_TXT_RECORD_LENGTH) ? undefined : joined;
      }),
    a: (name) => guarded(name, () => resolver.resolve4(name)),
    aaaa: (name) => guarded(name, () => resolver.resolve6(name)),
    mx: (name) => guarded(name, () => resolver.resolveMx(name)),
    ptr: (address) => (net.isIP(address) === 0 ? Promise.resolve({ ok: false, kind: "error" }) : guarded(address, () => resolver.reverse(address))),
    cname: (name) => guarded(name, () => resolver.resolveCname(name)),
  };
}

/**
 * Asks DNS once per name and type: one check asks the same names several times (SPF once per relay
 * address, the From domain's TXT for SPF and MX fallbacks), and a silent resolver should cost one
 * timeout per name, not one per question. Meant for one check, not to be kept.
 */
export function memoizeDnsLookup(dns: DnsLookup): DnsLookup {
  const answers = new Map<string, Promise<DnsResult<unknown>>>();
  function once<T>(type: keyof DnsLookup, name: string, query: (name: string) => Promise<DnsResult<T>>): Promise<DnsResult<T>> {
    const key = `${type} ${normaliseDomain(name)}`;
    let answer = answers.get(key);
    if (!answer) {
      answer = query(name);
      answers.set(key, answer);
    }
    return answer as Promise<DnsResult<T>>;
  }
  return {
    txt: (name) => once("txt", name, (asked) => dns.txt(asked)),
    a: (name) => once("a", name, (asked) => dns.a(asked)),
    aaaa: (name) => once("aaaa", name, (asked) => dns.aaaa(asked)),
    mx: (name) => once("mx", name, (asked) => dns.mx(asked)),
    ptr: (address) => once("ptr", address, (asked) => dns.ptr(asked)),
    cname: (name) => once("cname", name, (asked) => dns.cname(asked)),
  };
}

/** Runs one query and turns Node's error codes into a `DnsResult`; an oversized answer is an "error". */
async function guarded<T>(name: string, query: () => Promise<T[] | undefined>): Promise<DnsResult<T>> {
  if (name.length === 0 || name.length > MAX_NAME_LENGTH) return { ok: false, kind: "error" };
  try {
    const records = await query();
    if (!records || records.length > MAX_RECORDS_PER_ANSWER) return { ok: false, kind: "error" };
    if (records.length === 0) return { ok: false, kind: "nodata" };
    return { ok: true, records };
  } catch (error) {
    return { ok: false, kind: failureKind((error as { code?: unknown }).code) };
  }
}

export function failureKind(code: unknown): DnsFailureKind {
  switch (code) {
    case "ENOTFOUND":
      return "nxdomain";
    case "ENODATA":
      return "nodata";
    case "ETIMEOUT":
    case "ETIMEDOUT":
      return "timeout";
    case "ESERVFAIL":
      return "servfail";
    default:
      return "error";
  }
}

/** A DNS name compared and looked up without case or a trailing dot. */
export function normaliseDomain(name: string): string {
  const lower = name.trim().toLowerCase();
  return lower.endsWith(".") ? lower.slice(0, -1) : lower;
}
