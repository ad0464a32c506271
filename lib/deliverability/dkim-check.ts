import type { DnsLookup } from "./dns";
import { cnameRecordSuggestion, txtRecordSuggestion, type DeliverabilityCheck } from "./check-view";
import { checkDkimSelector, type DkimSelectorCheck } from "./dkim";

export interface DkimRelay {
  label: string;
  selectors: string[];
  recordType: "TXT" | "CNAME";
  /** How this relay's selectors are found (from the preset). */
  note: string;
}

export interface DkimCheckOutcome {
  check: DeliverabilityCheck;
  /** true: a usable key is published; false: none is; undefined: couldn't tell (or no selector to look up). */
  usable: boolean | undefined;
  problem?: string;
}

const MAX_SELECTORS = 8;

/** Looks up each selector at the signing domain; the best one decides (a provider needs only one of its selectors to work). */
export async function checkDkimForRelay(signingDomain: string, relay: DkimRelay, dns: DnsLookup): Promise<DkimCheckOutcome> {
  const title = "DKIM";
  const selectors = [...new Set(relay.selectors.map((selector) => selector.trim()).filter((selector) => selector !== ""))].slice(0, MAX_SELECTORS);
  if (selectors.length === 0) {
    return {
      usable: undefined,
      problem: "no DKIM selector to check",
      check: { id: "dkim", title, status: "amber", explanation: `Enter the DKIM selector ${relay.label} signs with, so Mailroom can check the key. ${relay.note}`, details: [] },
    };
  }
  const results = await Promise.all(selectors.map((selector) => checkDkimSelector(signingDomain, selector, dns)));
  const details = results.map(describe);
  const best = pick(results, "green") ?? pick(results, "amber");
  if (best) {
    return { usable: true, check: { id: "dkim", title, status: best.status, explanation: best.explanation, details } };
  }
  const unknown = pick(results, "unknown");
  if (unknown) return { usable: undefined, check: { id: "dkim", title, status: "unknown", explanation: unknown.explanation, details } };

  const placeholder = `<the ${relay.recordType === "CNAME" ? "target" : "key"} ${relay.label} shows>`;
  const records = results
    .filter((result) => result.record === undefined)
    .map((result) => (relay.recordType === "CNAME" ? cnameRecordSuggestion(result.name, placeholder) : txtRecordSuggestion(result.name, placeholder)));
  const first = results[0];
  return {
    usable: false,
    problem: results.length === 1 && first ? first.explanation.replace(/\.$/, "").replace(/^./, (letter) => letter.toLowerCase()) : `no usable DKIM key for ${signingDomain}`,
    check: {
      id: "dkim",
      title,
      status: "red",
      explanation: results.length === 1 && first ? first.explanation : `None of the selectors ${selectors.join(", ")} has a usable DKIM key at ${signingDomain}.`,
      details,
      fix: { records, note: relay.note },
    },
  };
}

function pick(results: DkimSelectorCheck[], status: DkimSelectorCheck["status"]): DkimSelectorCheck | undefined {
  return results.find((result) => result.status === status);
}

function describe(result: DkimSelectorCheck): string {
  const via = result.cnameTarget ? ` (CNAME to ${result.cnameTarget})` : "";
  return `${result.selector}: ${result.status}${via}. ${result.explanation}`;
}
