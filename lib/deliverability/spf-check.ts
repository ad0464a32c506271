import net from "node:net";
import type { DnsLookup } from "./dns";
import { txtRecordSuggestion, words, type CheckStatus, type DeliverabilityCheck, type DeliverabilityWords, type WordValue } from "./check-view";
import { evaluateSpf, suggestSpfRecord, SPF_LOOKUP_LIMIT, type SpfEvaluation, type SpfQualifier } from "./spf";

/** The relay as the SPF check sees it. */
export interface SpfRelay {
  /** The relay's name in a sentence: a preset's label, a host, or words (the company relay). */
  label: WordValue;
  host: string;
  /** The relay host's addresses; empty when it has none, undefined when they couldn't be looked up. */
  addresses: string[] | undefined;
  /** A preset's include domains; empty for a relay known only by its host (then its addresses are checked). */
  spfIncludes: string[];
  /** Whether receivers check SPF on the From domain for this relay (its Return-Path is the From address). */
  spfCountsForDmarc: boolean;
}

export interface SpfCheckOutcome {
  check: DeliverabilityCheck;
  /** true: the From domain's SPF authorises the relay; false: it doesn't; undefined: couldn't tell. */
  authorises: boolean | undefined;
  /** A short reason for the summary line, when it doesn't pass. */
  problem?: DeliverabilityWords;
}

const OUTCOME_RANK: Record<SpfEvaluation["outcome"], number> = { permerror: 0, fail: 1, softfail: 2, none: 3, neutral: 4, unevaluable: 5, temperror: 6, pass: 7 };

const ALL_KEYS: Record<SpfQualifier, string> = { "-": "spf.allFail", "~": "spf.allSoftfail", "?": "spf.allNeutral", "+": "spf.allPass" };

export async function checkSpfForRelay(fromDomain: string, relay: SpfRelay, dns: DnsLookup): Promise<SpfCheckOutcome> {
  const byAddress = relay.spfIncludes.length === 0;
  if (byAddress && relay.addresses === undefined) {
    return {
      authorises: undefined,
      check: { id: "spf", status: "unknown", explanation: words("spf.addressesUnknown", { host: relay.host }), details: [] },
    };
  }
  if (byAddress && relay.addresses?.length === 0) {
    return {
      authorises: false,
      problem: words("spf.problemNoAddress", { host: relay.host }),
      check: { id: "spf", status: "red", explanation: words("spf.noAddress", { host: relay.host }), details: [] },
    };
  }

  const evaluations = byAddress
    ? await Promise.all((relay.addresses ?? []).map(async (address) => ({ address, evaluation: await evaluateSpf(fromDomain, { kind: "address", address }, dns) })))
    : [{ address: undefined, evaluation: await evaluateSpf(fromDomain, { kind: "provider", label: relay.label, includeDomains: relay.spfIncludes }, dns) }];
  const worst = evaluations.reduce((left, right) => (OUTCOME_RANK[right.evaluation.outcome] < OUTCOME_RANK[left.evaluation.outcome] ? right : left));
  const { evaluation } = worst;
  const who = byAddress && worst.address && evaluations.length > 1 ? words("spf.relayAt", { relay: relay.label, address: worst.address }) : relay.label;

  const details: DeliverabilityWords[] = [];
  for (const record of evaluation.records) details.push(words("detail.record", { name: fromDomain, record }));
  if (evaluation.allQualifier) details.push(words(ALL_KEYS[evaluation.allQualifier]));
  else if (evaluation.records.length === 1) details.push(words("spf.noAll"));
  if (evaluation.records.length > 0) details.push(words("spf.lookups", { used: evaluation.lookups, limit: SPF_LOOKUP_LIMIT }));
  if (!relay.spfCountsForDmarc) details.push(words("spf.ownReturnPath", { relay: relay.label }));

  const mechanism = byAddress
    ? net.isIP(relay.host) === 4
      ? `ip4:${relay.host}`
      : net.isIP(relay.host) === 6
        ? `ip6:${relay.host}`
        : `a:${relay.host}`
    : `include:${relay.spfIncludes[0] ?? ""}`;
  const suggestion = () => ({ records: [txtRecordSuggestion(fromDomain, suggestSpfRecord(evaluation.records, mechanism))] });
  const notAuthorised = relay.spfCountsForDmarc ? "red" : "amber";

  switch (evaluation.outcome) {
    case "pass": {
      const status: CheckStatus = evaluation.allQualifier === "+" ? "amber" : "green";
      const explanation = words(status === "amber" ? "spf.passesPlusAll" : "spf.passes", { domain: fromDomain, relay: who });
      return { authorises: true, check: { id: "spf", status, explanation, details } };
    }
    case "temperror":
      return { authorises: undefined, check: { id: "spf", status: "unknown", explanation: words("spf.temperror", { reason: evaluation.reason }), details } };
    case "unevaluable":
      return {
        authorises: undefined,
        check: { id: "spf", status: "amber", explanation: words("spf.unevaluable", { relay: who, reason: evaluation.reason }), details },
      };
    case "permerror": {
      const multiple = evaluation.records.length > 1;
      const tooMany = evaluation.reason.key === "spfReason.tooManyLookups" || evaluation.reason.key === "spfReason.tooManyVoid";
      return {
        authorises: false,
        problem: words("spf.problemBroken", { domain: fromDomain }),
        check: {
          id: "spf",
          status: "red",
          explanation: words("spf.permerror", { domain: fromDomain, reason: evaluation.reason }),
          details,
          fix: multiple
            ? { ...suggestion(), note: words("spf.replaceAll") }
            : tooMany
              ? { records: [], note: words("spf.tooManyFix") }
              : { records: [], note: words("spf.correctIt") },
        },
      };
    }
    case "none":
      return {
        authorises: false,
        problem: words("spf.problemNone", { domain: fromDomain }),
        check: { id: "spf", status: notAuthorised, explanation: words("spf.none", { domain: fromDomain, relay: who }), details, fix: suggestion() },
      };
    default:
      return {
        authorises: false,
        problem: words("spf.problemNotAuthorised", { relay: who }),
        check: {
          id: "spf",
          status: notAuthorised,
          explanation: words("spf.notAuthorised", { domain: fromDomain, relay: who, outcome: evaluation.outcome, reason: evaluation.reason }),
          details,
          fix: { ...suggestion(), note: words("spf.publishInstead") },
        },
      };
  }
}
