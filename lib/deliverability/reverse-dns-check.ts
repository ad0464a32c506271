import net from "node:net";
import { isLookupInconclusive, normaliseDomain, type DnsLookup } from "./dns";
import { words, type CheckStatus, type DeliverabilityCheck } from "./check-view";

const MAX_ADDRESSES = 4;
const MAX_PTR_NAMES = 4;

type AddressVerdict = { address: string; status: "confirmed" | "unconfirmed" | "missing" | "unknown"; name?: string };

/**
 * Reverse DNS of the relay's addresses, forward-confirmed (the PTR name resolves back to the
 * address): receivers distrust a sending server without it. A provider manages its own servers,
 * so there a gap is amber (and the host you submit to may not be the one that delivers).
 */
export async function checkRelayReverseDns(relay: { host: string; addresses: string[] | undefined; managedByProvider: boolean }, dns: DnsLookup): Promise<DeliverabilityCheck> {
  if (relay.addresses === undefined) {
    return { id: "reverse-dns", status: "unknown", explanation: words("reverseDns.addressesUnknown", { host: relay.host }), details: [] };
  }
  if (relay.addresses.length === 0) {
    return { id: "reverse-dns", status: relay.managedByProvider ? "unknown" : "red", explanation: words("reverseDns.noAddress", { host: relay.host }), details: [] };
  }
  const verdicts = await Promise.all(relay.addresses.slice(0, MAX_ADDRESSES).map((address) => verdictFor(address, dns)));
  const details = verdicts.map(({ address, status, name }) =>
    name ? words("reverseDns.detailNamed", { address, name, status }) : words("reverseDns.detail", { address, status }),
  );
  const missing = verdicts.filter((verdict) => verdict.status === "missing");
  const unconfirmed = verdicts.filter((verdict) => verdict.status === "unconfirmed");
  const unknown = verdicts.filter((verdict) => verdict.status === "unknown");
  const gap: CheckStatus = relay.managedByProvider ? "amber" : "red";
  if (missing.length > 0) {
    return {
      id: "reverse-dns",
      status: gap,
      explanation: words("reverseDns.missing", { addresses: missing.map((verdict) => verdict.address).join(", "), count: missing.length }),
      details,
    };
  }
  if (unconfirmed.length > 0) {
    return {
      id: "reverse-dns",
      status: "amber",
      explanation: words("reverseDns.unconfirmed", { addresses: unconfirmed.map((verdict) => verdict.address).join(", ") }),
      details,
    };
  }
  if (unknown.length > 0) {
    return {
      id: "reverse-dns",
      status: "unknown",
      explanation: words("reverseDns.unknown", { addresses: unknown.map((verdict) => verdict.address).join(", ") }),
      details,
    };
  }
  return { id: "reverse-dns", status: "green", explanation: words("reverseDns.confirmed", { host: relay.host }), details };
}

async function verdictFor(address: string, dns: DnsLookup): Promise<AddressVerdict> {
  const answer = await dns.ptr(address);
  if (!answer.ok) return { address, status: isLookupInconclusive(answer.kind) ? "unknown" : "missing" };
  const names = answer.records.map(normaliseDomain).slice(0, MAX_PTR_NAMES);
  let inconclusive = false;
  for (const name of names) {
    const forward = net.isIPv6(address) ? await dns.aaaa(name) : await dns.a(name);
    if (forward.ok && forward.records.some((record) => sameAddress(record, address))) return { address, status: "confirmed", name };
    if (!forward.ok && isLookupInconclusive(forward.kind)) inconclusive = true;
  }
  return { address, status: inconclusive ? "unknown" : "unconfirmed", name: names[0] };
}

function sameAddress(left: string, right: string): boolean {
  if (left === right) return true;
  const list = new net.BlockList();
  const family = net.isIPv6(left) ? "ipv6" : "ipv4";
  if (net.isIP(left) === 0 || net.isIP(left) !== net.isIP(right)) return false;
  list.addAddress(left, family);
  return list.check(right, family);
}
