import { isLookupInconclusive, normaliseDomain, type DnsLookup } from "./dns";
import { words, type DeliverabilityCheck } from "./check-view";

/** Whether the From domain receives mail: receivers distrust a sender domain that can't take replies or bounces. */
export async function checkFromDomainMx(fromDomain: string, dns: DnsLookup): Promise<DeliverabilityCheck> {
  const answer = await dns.mx(fromDomain);
  if (answer.ok) {
    const exchanges = answer.records.filter((record) => normaliseDomain(record.exchange) !== "").sort((left, right) => left.priority - right.priority);
    if (exchanges.length === 0) {
      return {
        id: "mx",
        status: "red",
        explanation: words("mx.nullMx", { domain: fromDomain }),
        details: [],
      };
    }
    const shown = exchanges.slice(0, 3).map((record) => `${record.priority} ${normaliseDomain(record.exchange)}`);
    return { id: "mx", status: "green", explanation: words("mx.receives", { domain: fromDomain }), details: shown.map((line) => words("detail.plain", { text: line })) };
  }
  if (isLookupInconclusive(answer.kind)) {
    return { id: "mx", status: "unknown", explanation: words("mx.lookupFailed", { domain: fromDomain, kind: answer.kind }), details: [] };
  }
  if (answer.kind === "nxdomain") {
    return { id: "mx", status: "red", explanation: words("mx.nxdomain", { domain: fromDomain }), details: [] };
  }
  const address = await dns.a(fromDomain);
  if (address.ok) {
    return {
      id: "mx",

      status: "amber",
      explanation: words("mx.addressOnly", { domain: fromDomain, address: address.records[0] ?? "" }),
      details: [],
    };
  }
  if (isLookupInconclusive(address.kind)) {
    return { id: "mx", status: "unknown", explanation: words("mx.addressLookupFailed", { domain: fromDomain, kind: address.kind }), details: [] };
  }
  return {
    id: "mx",

    status: "red",
    explanation: words("mx.nothing", { domain: fromDomain }),
    details: [],
  };
}
