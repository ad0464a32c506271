import net from "node:net";
import type { DnsLookup } from "./dns";
import { txtRecordSuggestion, type CheckStatus, type DeliverabilityCheck } from "./check-view";
import { evaluateSpf, suggestSpfRecord, SPF_LOOKUP_LIMIT, type SpfEvaluation, type SpfQualifier } from "./spf";

/** The relay as the SPF check sees it. */
export interface SpfRelay {
  label: string;
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
  problem?: string;
}

const OUTCOME_RANK: Record<SpfEvaluation["outcome"], number> = { permerror: 0, fail: 1, softfail: 2, none: 3, neutral: 4, unevaluable: 5, temperror: 6, pass: 7 };

const ALL_WORDS: Record<SpfQualifier, string> = {
  "-": "-all: mail from anywhere else fails SPF (strict)",
  "~": "~all: mail from anywhere else soft-fails SPF (the usual setting)",
  "?": "?all: mail from anywhere else is neutral, SPF protects nothing",
  "+": "+all: anyone anywhere passes SPF as this domain; replace it with ~all",
};

export async function checkSpfForRelay(fromDomain: string, relay: SpfRelay, dns: DnsLookup): Promise<SpfCheckOutcome> {
  const title = "SPF";
  const byAddress = relay.spfIncludes.length === 0;
  if (byAddress && relay.addresses === undefined) {
    return {
      authorises: undefined,
      check: { id: "spf", title, status: "unknown", explanation: `Mailroom couldn't look up the addresses of ${relay.host}, so it couldn't check SPF.`, details: [] },
    };
  }
  if (byAddress && relay.addresses?.length === 0) {
    return {
      authorises: false,
      problem: `${relay.host} has no address`,
      check: { id: "spf", title, status: "red", explanation: `${relay.host} has no address in DNS, so no SPF record can authorise it.`, details: [] },
    };
  }

  const evaluations = byAddress
    ? await Promise.all((relay.addresses ?? []).map(async (address) => ({ address, evaluation: await evaluateSpf(fromDomain, { kind: "address", address }, dns) })))
    : [{ address: undefined, evaluation: await evaluateSpf(fromDomain, { kind: "provider", label: relay.label, includeDomains: relay.spfIncludes }, dns) }];
  const worst = evaluations.reduce((left, right) => (OUTCOME_RANK[right.evaluation.outcome] < OUTCOME_RANK[left.evaluation.outcome] ? right : left));
  const { evaluation } = worst;
  const who = byAddress ? `${relay.label}${worst.address && evaluations.length > 1 ? ` (at ${worst.address})` : ""}` : relay.label;

  const details: string[] = [];
  for (const record of evaluation.records) details.push(`${fromDomain}: "${record}"`);
  if (evaluation.allQualifier) details.push(ALL_WORDS[evaluation.allQualifier]);
  else if (evaluation.records.length === 1) details.push("No all: mail from anywhere else is neutral unless a redirect says otherwise");
  if (evaluation.records.length > 0) details.push(`Uses ${evaluation.lookups} of the ${SPF_LOOKUP_LIMIT} DNS lookups SPF allows`);
  if (!relay.spfCountsForDmarc)
    details.push(`${relay.label} sends with its own Return-Path, so receivers check SPF there; this record matters for DMARC only with a custom return path.`);

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
      const warning = status === "amber" ? " But the record ends in +all, which lets anyone send as you." : "";
      return { authorises: true, check: { id: "spf", title, status, explanation: `The SPF record of ${fromDomain} authorises ${who}.${warning}`, details } };
    }
    case "temperror":
      return { authorises: undefined, check: { id: "spf", title, status: "unknown", explanation: `Mailroom couldn't check SPF: ${evaluation.reason}.`, details } };
    case "unevaluable":
      return {
        authorises: undefined,
        check: { id: "spf", title, status: "amber", explanation: `Mailroom can't tell whether SPF authorises ${who}: ${evaluation.reason}.`, details },
      };
    case "permerror": {
      const multiple = evaluation.records.length > 1;
      const tooMany = evaluation.reason.includes("DNS lookups") || evaluation.reason.includes("don't exist");
      return {
        authorises: false,
        problem: `the SPF record of ${fromDomain} is broken`,
        check: {
          id: "spf",
          title,
          status: "red",
          explanation: `Receivers treat the SPF record of ${fromDomain} as broken (permerror): ${evaluation.reason}.`,
          details,
          fix: multiple
            ? { ...suggestion(), note: "Replace all the SPF records with this one." }
            : tooMany
              ? { records: [], note: "Remove includes you no longer use, or replace some with the ip4:/ip6: ranges they stand for." }
              : { records: [], note: "Correct the record; an SPF validator shows where it breaks." },
        },
      };
    }
    case "none":
      return {
        authorises: false,
        problem: `${fromDomain} has no SPF record`,
        check: { id: "spf", title, status: notAuthorised, explanation: `${fromDomain} has no SPF record, so nothing authorises ${who}.`, details, fix: suggestion() },
      };
    default:
      return {
        authorises: false,
        problem: `SPF doesn't authorise ${who}`,
        check: {
          id: "spf",
          title,
          status: notAuthorised,
          explanation: `The SPF record of ${fromDomain} doesn't authorise ${who} (${evaluation.outcome}): ${evaluation.reason}.`,
          details,
          fix: { ...suggestion(), note: "Publish this in place of the current record." },
        },
      };
  }
}
