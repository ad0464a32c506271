import { normaliseDomain, type DnsFailureKind, type DnsLookup, type DnsResult, type MxRecord } from "./dns";

/** A zone held in memory, so the checks can be evaluated (and tested) without a network. */
export interface InMemoryZone {
  txt?: Record<string, string[]>;
  a?: Record<string, string[]>;
  aaaa?: Record<string, string[]>;
  mx?: Record<string, MxRecord[]>;
  /** Keyed by address (`192.0.2.1`, `2001:db8::1`), as `DnsLookup.ptr` is asked. */
  ptr?: Record<string, string[]>;
  cname?: Record<string, string>;
  /** Names (or addresses, for PTR) whose every query fails this way: a resolver that times out or fails. */
  failures?: Record<string, Exclude<DnsFailureKind, "nxdomain" | "nodata">>;
}

type RecordType = "txt" | "a" | "aaaa" | "mx" | "ptr" | "cname";

export interface InMemoryDns extends DnsLookup {
  /** Every query asked, as `type name`, in order. */
  readonly queries: string[];
}

/** Follows CNAMEs (as a recursive resolver does) and answers nxdomain for names the zone doesn't hold at all. */
export function createInMemoryDns(zone: InMemoryZone): InMemoryDns {
  const queries: string[] = [];
  const tables: Record<RecordType, Map<string, unknown[]>> = {
    txt: table(zone.txt),
    a: table(zone.a),
    aaaa: table(zone.aaaa),
    mx: table(zone.mx),
    ptr: table(zone.ptr),
    cname: table(Object.fromEntries(Object.entries(zone.cname ?? {}).map(([name, target]) => [name, [normaliseDomain(target)]]))),
  };
  const failures = new Map(Object.entries(zone.failures ?? {}).map(([name, kind]) => [normaliseDomain(name), kind]));
  const exists = (name: string) => (Object.keys(tables) as RecordType[]).some((type) => type !== "ptr" && tables[type].has(name));

  function answer<T>(type: RecordType, rawName: string): Promise<DnsResult<T>> {
    queries.push(`${type} ${rawName}`);
    let name = normaliseDomain(rawName);
    for (let hops = 0; hops < 8; hops += 1) {
      const failure = failures.get(name);
      if (failure) return Promise.resolve({ ok: false, kind: failure });
      const records = tables[type].get(name);
      if (records && records.length > 0) return Promise.resolve({ ok: true, records: records as T[] });
      const alias = type === "cname" || type === "ptr" ? undefined : tables.cname.get(name)?.[0];
      if (typeof alias !== "string") break;
      name = alias;
    }
    if (type === "ptr") return Promise.resolve({ ok: false, kind: "nxdomain" });
    return Promise.resolve({ ok: false, kind: exists(name) ? "nodata" : "nxdomain" });
  }

  return {
    queries,
    txt: (name) => answer("txt", name),
    a: (name) => answer("a", name),
    aaaa: (name) => answer("aaaa", name),
    mx: (name) => answer("mx", name),
    ptr: (address) => answer("ptr", address),
    cname: (name) => answer("cname", name),
  };
}

function table<T>(records: Record<string, T[]> | undefined): Map<string, unknown[]> {
  return new Map(Object.entries(records ?? {}).map(([name, values]) => [normaliseDomain(name), values]));
}
