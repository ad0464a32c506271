import type { DnsLookup } from "./dns";
import { cnameRecordSuggestion, txtRecordSuggestion, words, type DeliverabilityCheck, type DeliverabilityWords, type WordValue } from "./check-view";
import { checkDkimSelector, type DkimSelectorCheck } from "./dkim";

export interface DkimRelay {
  label: WordValue;
  selectors: string[];
  recordType: "TXT" | "CNAME";
  /** How this relay's selectors are found (from the preset). */
  note: DeliverabilityWords;
}

export interface DkimCheckOutcome {
  check: DeliverabilityCheck;
  /** true: a usable key is published; false: none is; undefined: couldn't tell (or no selector to look up). */
  usable: boolean | undefined;
  problem?: DeliverabilityWords;
}

const MAX_SELECTORS = 8;

/** Looks up each selector at the signing domain; the best one decides (a provider needs only one of its selectors to work). */
export async function checkDkimForRelay(signingDomain: string, relay: DkimRelay, dns: DnsLookup): Promise<DkimCheckOutcome> {
  const selectors = [...new Set(relay.selectors.map((selector) => selector.trim()).filter((selector) => selector !== ""))].slice(0, MAX_SELECTORS);
  if (selectors.length === 0) {
    return {
      usable: undefined,
      problem: words("dkim.problemNoSelector"),
      check: { id: "dkim", status: "amber", explanation: words("dkim.enterSelector", { relay: relay.label, note: relay.note }), details: [] },
    };
  }
  const results = await Promise.all(selectors.map((selector) => checkDkimSelector(signingDomain, selector, dns)));
  const details = results.map(describe);
  const best = pick(results, "green") ?? pick(results, "amber");
  if (best) {
    return { usable: true, check: { id: "dkim", status: best.status, explanation: best.explanation, details } };
  }
  const unknown = pick(results, "unknown");
  if (unknown) return { usable: undefined, check: { id: "dkim", status: "unknown", explanation: unknown.explanation, details } };

  const placeholder = relay.recordType === "CNAME" ? "<CNAME target>" : "<DKIM key>";
  const records = results
    .filter((result) => result.record === undefined)
    .map((result) => (relay.recordType === "CNAME" ? cnameRecordSuggestion(result.name, placeholder) : txtRecordSuggestion(result.name, placeholder)));
  const first = results[0];
  return {
    usable: false,
    problem: words("dkim.problemNone", { domain: signingDomain }),
    check: {
      id: "dkim",
      status: "red",
      explanation: results.length === 1 && first ? first.explanation : words("dkim.noneUsable", { selectors: selectors.join(", "), domain: signingDomain }),
      details,
      fix: { records, note: relay.note },
    },
  };
}

function pick(results: DkimSelectorCheck[], status: DkimSelectorCheck["status"]): DkimSelectorCheck | undefined {
  return results.find((result) => result.status === status);
}

function describe(result: DkimSelectorCheck): DeliverabilityWords {
  const values = { selector: result.selector, status: result.status, explanation: result.explanation };
  return result.cnameTarget ? words("dkim.selectorDetailViaCname", { ...values, target: result.cnameTarget }) : words("dkim.selectorDetail", values);
}
