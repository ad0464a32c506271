import net from "node:net";
import { isLookupInconclusive, normaliseDomain, type DnsLookup } from "./dns";
import type { CheckStatus, DeliverabilityCheck } from "./check-view";

const MAX_ADDRESSES = 4;
const MAX_PTR_NAMES = 4;

type AddressVerdict = { address: string; status: "confirmed" | "unconfirmed" | "missing" | "unknown"; name?: string };

/**
 * Reverse DNS of the relay's addresses, forward-confirmed (the PTR name resolves back to the
 * address): receivers distrust a sending server without it. A provider manages its own servers,
 * so there a gap is amber (and the host you submit to may not be the one that delivers).
 */
export async function checkRelayReverseDns(relay: { host: string; addresses: string[] | undefined; managedByProvider: boolean }, dns: DnsLookup): Promise<DeliverabilityCheck> {
  const title = "Reverse DNS of the relay";
  if (relay.addresses === undefined) {
    return { id: "reverse-dns", title, status: "unknown", explanation: `Mailroom couldn't look up the addresses of ${relay.host}.`, details: [] };
  }
  if (relay.addresses.length === 0) {
    return { id: "reverse-dns", title, status: relay.managedByProvider ? "unknown" : "red", explanation: `${relay.host} has no address in DNS.`, details: [] };
  }
  const verdicts = await Promise.all(relay.addresses.slice(0, MAX_ADDRESSES).map((address) => verdictFor(address, dns)));
  const details = verdicts.map(({ address, status, name }) => `${address}: ${name ? `${name}, ` : ""}${status === "confirmed" ? "forward-confirmed" : status}`);
  const missing = verdicts.filter((verdict) => verdict.status === "missing");
  const unconfirmed = verdicts.filter((verdict) => verdict.status === "unconfirmed");
  const unknown = verdicts.filter((verdict) => verdict.status === "unknown");
  const gap: CheckStatus = relay.managedByProvider ? "amber" : "red";
  if (missing.length > 0) {
    return {
      id: "reverse-dns",
      title,
      status: gap,
      explanation: `${missing.map((verdict) => verdict.address).join(", ")} ${missing.length === 1 ? "has" : "have"} no reverse DNS (PTR) name: many receivers reject or distrust mail from such a server. The owner of the address sets it (your hosting provider).`,
      details,
    };
  }
  if (unconfirmed.length > 0) {
    return {
      id: "reverse-dns",
      title,
      status: "amber",
      explanation: `The reverse DNS name of ${unconfirmed.map((verdict) => verdict.address).join(", ")} doesn't resolve back to it: receivers check both directions.`,
      details,
    };
  }
  if (unknown.length > 0) {
    return {
      id: "reverse-dns",
      title,
      status: "unknown",
      explanation: `Mailroom couldn't look up the reverse DNS of ${unknown.map((verdict) => verdict.address).join(", ")}.`,
      details,
    };
  }
  return { id: "reverse-dns", title, status: "green", explanation: `Every address of ${relay.host} has a reverse DNS name that resolves back to it.`, details };
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
