import type { DnsLookup } from "./dns";
import { txtRecordSuggestion, type DeliverabilityCheck } from "./check-view";
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
  const title = "DMARC";
  const lookup = await lookupDmarc(inputs.fromDomain, dns);
  const record = lookup.state === "found" ? lookup.record : { adkim: "r" as const, aspf: "r" as const };
  const { passes: aligned, via } = evaluateDmarcAlignment(inputs.fromDomain, record, { spfPassedFor: inputs.spfPassedFor, dkimPassedFor: inputs.dkimPassedFor });
  const base = { lookup, aligned, via };
  const suggested = txtRecordSuggestion(`_dmarc.${lookup.organizationalDomain}`, `v=DMARC1; p=none; rua=mailto:${inputs.reportAddress}`);
  const viaWords = via.map((method) => method.toUpperCase()).join(" and ");

  switch (lookup.state) {
    case "unknown":
      return { ...base, check: { id: "dmarc", title, status: "unknown", explanation: `Mailroom couldn't look up ${lookup.name} (${lookup.kind}).`, details: [] } };
    case "missing":
    case "multiple":
    case "invalid": {
      const why =
        lookup.state === "missing"
          ? `${inputs.fromDomain} has no DMARC record`
          : lookup.state === "multiple"
            ? `${lookup.foundAt} has more than one DMARC record, so receivers ignore them all`
            : `the DMARC record at ${lookup.foundAt} is broken (${lookup.error}), so receivers ignore it`;
      return {
        ...base,
        check: {
          id: "dmarc",
          title,
          status: "amber",
          explanation: `${capitalise(why)}: nothing tells receivers what to do with mail that pretends to be from it, and large mailbox providers expect one.`,
          details: lookup.state === "invalid" ? [`${lookup.foundAt}: "${lookup.text}"`] : [],
          fix: {
            records: [lookup.state === "missing" ? suggested : txtRecordSuggestion(lookup.foundAt, suggested.value)],
            note: "Start with p=none and read the reports; move to quarantine, then reject, once only your own services appear in them.",
          },
        },
      };
    }
    case "found": {
      const { record: found, appliedPolicy } = lookup;
      const details = [
        `${lookup.foundAt}: "${lookup.text}"`,
        ...describeRecord(found.adkim, found.aspf, found.pct, appliedPolicy, lookup.foundAt, inputs.fromDomain),
        ...found.warnings,
      ];
      const withPolicy = { ...base, policy: appliedPolicy };
      if (aligned) {
        return { ...withPolicy, check: { id: "dmarc", title, status: "green", explanation: `Mail passes DMARC via ${viaWords} aligned with ${inputs.fromDomain}.`, details } };
      }
      if (inputs.spfUnknown || inputs.dkimUnknown) {
        return {
          ...withPolicy,
          check: { id: "dmarc", title, status: "unknown", explanation: "Mailroom couldn't check SPF or DKIM fully, so it can't tell whether DMARC passes.", details },
        };
      }
      const consequence = failureConsequence(appliedPolicy);
      const partly = found.pct < 100 && appliedPolicy !== "none" ? ` (for ${found.pct}% of such mail; the rest is treated one step milder)` : "";
      const explanation =
        consequence === "rejected"
          ? `Neither SPF nor DKIM passes aligned with ${inputs.fromDomain}, and its policy is p=reject: receivers reject this mail${partly}.`
          : consequence === "spam"
            ? `Neither SPF nor DKIM passes aligned with ${inputs.fromDomain}, and its policy is p=quarantine: receivers put this mail in spam${partly}.`
            : `Neither SPF nor DKIM passes aligned with ${inputs.fromDomain}. Its policy is p=none, so mail is delivered, but it isn't protected and may be filtered.`;
      return {
        ...withPolicy,
        check: {
          id: "dmarc",
          title,
          status: consequence === "delivered-unprotected" ? "amber" : "red",
          explanation,
          details,
          fix: { records: [], note: "Publish the DKIM key (or SPF authorisation with an aligned return path) shown above; the DMARC record itself is fine." },
        },
      };
    }
  }
}

function describeRecord(adkim: "r" | "s", aspf: "r" | "s", pct: number, policy: DmarcPolicy, foundAt: string, fromDomain: string): string[] {
  const lines = [
    `Policy for ${fromDomain}: ${policy}${foundAt === `_dmarc.${fromDomain}` ? "" : ` (inherited from ${foundAt})`}`,
    `DKIM alignment: ${adkim === "s" ? "strict (d= must be exactly the From domain)" : "relaxed (d= may be any domain of the same organisation)"}`,
    `SPF alignment: ${aspf === "s" ? "strict (the Return-Path domain must be exactly the From domain)" : "relaxed (the Return-Path may be any domain of the same organisation)"}`,
  ];
  if (pct < 100) lines.push(`Applied to ${pct}% of failing mail`);
  return lines;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
