import type { DnsLookup } from "./dns";
import { txtRecordSuggestion, words, type DeliverabilityCheck, type DeliverabilityWords } from "./check-view";
import { evaluateDmarcAlignment, failureConsequence, lookupDmarc, type DmarcLookup, type DmarcPolicy } from "./dmarc";

export interface DmarcInputs {
  fromDomain: string;
  /** The domain SPF passes for (the relay's Return-Path domain), when it passes; undefined when unknown. */
  spfPassedFor: string | undefined;
  spfUnknown: boolean;
  /** The DKIM d= domain with a usable key, when there is one. */
  dkimPassedFor: string | undefined;
  dkimUnknown: boolean;
  /** Where the suggested record's aggregate reports go. */
  reportAddress: string;
}

export interface DmarcCheckOutcome {
  check: DeliverabilityCheck;
  lookup: DmarcLookup;
  /** Whether SPF or DKIM passes aligned with the From domain (relaxed when there is no record). */
  aligned: boolean;
  via: ("dkim" | "spf")[];
  /** The policy receivers apply to this From domain, when there is a valid record. */
  policy?: DmarcPolicy;
}

export async function checkDmarc(inputs: DmarcInputs, dns: DnsLookup): Promise<DmarcCheckOutcome> {
  const lookup = await lookupDmarc(inputs.fromDomain, dns);
  const record = lookup.state === "found" ? lookup.record : { adkim: "r" as const, aspf: "r" as const };
  const { passes: aligned, via } = evaluateDmarcAlignment(inputs.fromDomain, record, { spfPassedFor: inputs.spfPassedFor, dkimPassedFor: inputs.dkimPassedFor });
  const base = { lookup, aligned, via };
  const suggested = txtRecordSuggestion(`_dmarc.${lookup.organizationalDomain}`, `v=DMARC1; p=none; rua=mailto:${inputs.reportAddress}`);

  switch (lookup.state) {
    case "unknown":
      return { ...base, check: { id: "dmarc", status: "unknown", explanation: words("dmarc.lookupFailed", { name: lookup.name, kind: lookup.kind }), details: [] } };
    case "missing":
    case "multiple":
    case "invalid": {
      const explanation =
        lookup.state === "missing"
          ? words("dmarc.missing", { domain: inputs.fromDomain })
          : lookup.state === "multiple"
            ? words("dmarc.multiple", { name: lookup.foundAt })
            : words("dmarc.invalid", { name: lookup.foundAt, error: lookup.error });
      return {
        ...base,
        check: {
          id: "dmarc",
          status: "amber",
          explanation,
          details: lookup.state === "invalid" ? [words("detail.record", { name: lookup.foundAt, record: lookup.text })] : [],
          fix: {
            records: [lookup.state === "missing" ? suggested : txtRecordSuggestion(lookup.foundAt, suggested.value)],
            note: words("dmarc.startWithNone"),
          },
        },
      };
    }
    case "found": {
      const { record: found, appliedPolicy } = lookup;
      const details = [
        words("detail.record", { name: lookup.foundAt, record: lookup.text }),
        ...describeRecord(found.adkim, found.aspf, found.pct, appliedPolicy, lookup.foundAt, inputs.fromDomain),
        ...found.warnings,
      ];
      const withPolicy = { ...base, policy: appliedPolicy };
      if (aligned) {
        return {
          ...withPolicy,
          check: { id: "dmarc", status: "green", explanation: words("dmarc.passes", { via: via.map((method) => words(`method.${method}`)), domain: inputs.fromDomain }), details },
        };
      }
      if (inputs.spfUnknown || inputs.dkimUnknown) {
        return {
          ...withPolicy,
          check: { id: "dmarc", status: "unknown", explanation: words("dmarc.unchecked"), details },
        };
      }
      const consequence = failureConsequence(appliedPolicy);
      const pct = found.pct < 100 && appliedPolicy !== "none" ? found.pct : 100;
      const explanation =
        consequence === "rejected"
          ? words("dmarc.failsReject", { domain: inputs.fromDomain, pct })
          : consequence === "spam"
            ? words("dmarc.failsQuarantine", { domain: inputs.fromDomain, pct })
            : words("dmarc.failsNone", { domain: inputs.fromDomain });
      return {
        ...withPolicy,
        check: {
          id: "dmarc",
          status: consequence === "delivered-unprotected" ? "amber" : "red",
          explanation,
          details,
          fix: { records: [], note: words("dmarc.recordFine") },
        },
      };
    }
  }
}

function describeRecord(adkim: "r" | "s", aspf: "r" | "s", pct: number, policy: DmarcPolicy, foundAt: string, fromDomain: string): DeliverabilityWords[] {
  const lines = [
    foundAt === `_dmarc.${fromDomain}` ? words("dmarc.policy", { domain: fromDomain, policy }) : words("dmarc.policyInherited", { domain: fromDomain, policy, name: foundAt }),
    words("dmarc.dkimAlignment", { mode: adkim }),
    words("dmarc.spfAlignment", { mode: aspf }),
  ];
  if (pct < 100) lines.push(words("dmarc.appliedTo", { pct }));
  return lines;
}
