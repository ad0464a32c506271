import { isLookupInconclusive, normaliseDomain, type DnsLookup } from "./dns";
import type { DeliverabilityCheck } from "./check-view";

/** Whether the From domain receives mail: receivers distrust a sender domain that can't take replies or bounces. */
export async function checkFromDomainMx(fromDomain: string, dns: DnsLookup): Promise<DeliverabilityCheck> {
  const title = "Mail for the From domain (MX)";
  const answer = await dns.mx(fromDomain);
  if (answer.ok) {
    const exchanges = answer.records.filter((record) => normaliseDomain(record.exchange) !== "").sort((left, right) => left.priority - right.priority);
    if (exchanges.length === 0) {
      return {
        id: "mx",
        title,
        status: "red",
        explanation: `${fromDomain} says it receives no mail (null MX, RFC 7505): receivers may refuse mail from it, and replies can't reach you.`,
        details: [],
      };
    }
    const shown = exchanges.slice(0, 3).map((record) => `${record.priority} ${normaliseDomain(record.exchange)}`);
    return { id: "mx", title, status: "green", explanation: `${fromDomain} receives mail (replies and bounces can reach it).`, details: shown };
  }
  if (isLookupInconclusive(answer.kind)) {
    return { id: "mx", title, status: "unknown", explanation: `Mailroom couldn't look up the MX records of ${fromDomain} (${answer.kind}).`, details: [] };
  }
  if (answer.kind === "nxdomain") {
    return { id: "mx", title, status: "red", explanation: `${fromDomain} doesn't exist in DNS: receivers reject mail from a domain that doesn't resolve.`, details: [] };
  }
  const address = await dns.a(fromDomain);
  if (address.ok) {
    return {
      id: "mx",
      title,
      status: "amber",
      explanation: `${fromDomain} has no MX record; mail for it goes to its address (${address.records[0] ?? ""}). Publish an MX record for the server that receives its mail.`,
      details: [],
    };
  }
  if (isLookupInconclusive(address.kind)) {
    return { id: "mx", title, status: "unknown", explanation: `Mailroom couldn't look up the address of ${fromDomain} (${address.kind}).`, details: [] };
  }
  return {
    id: "mx",
    title,
    status: "red",
    explanation: `${fromDomain} has no MX record and no address: replies and bounces can't reach it, and many receivers refuse such mail.`,
    details: [],
  };
}
