import net from "node:net";
import { isLookupInconclusive, memoizeDnsLookup, normaliseDomain, type DnsLookup } from "./dns";
import type { CheckStatus, DeliverabilityCheck } from "./check-view";
import { checkDkimForRelay } from "./dkim-check";
import { isDkimSelector } from "./dkim";
import { checkDmarc } from "./dmarc-check";
import { checkFromDomainMx } from "./mx-check";
import { organizationalDomain } from "./organizational-domain";
import { findRelayPreset, OTHER_RELAY_PRESET_ID, type RelayPreset } from "./relay-presets";
import { checkRelayReverseDns } from "./reverse-dns-check";
import { checkSpfForRelay } from "./spf-check";
import { evaluateSpf, isDomainName } from "./spf";
import englishCatalogue from "@/messages/en/deliverability.json";

/** Which relay: a preset by id, a relay of the user's own ("other"), or the company's default relay. */
export type RelayChoice = { kind: "preset"; presetId: string } | { kind: "other"; host: string } | { kind: "company"; host: string };

export interface DeliverabilityCheckInput {
  relay: RelayChoice;
  fromAddress: string;
  /** Selectors the user entered; the preset's own selectors when absent or empty. */
  dkimSelectors?: string[];
  /** The DKIM d= domain when the relay signs with another than the From domain (Mailgun's mg.example.com). */
  dkimDomain?: string;
  /** A custom Return-Path domain set up at the provider (bounce.example.com), for SPF alignment. */
  returnPathDomain?: string;
  /** Where the suggested DMARC record sends reports; postmaster@ of the organizational domain by default. */
  dmarcReportAddress?: string;
}

export interface DeliverabilityReport {
  fromAddress: string;
  fromDomain: string;
  relayLabel: string;
  relayHost: string;
  /** SPF, DKIM, DMARC, MX, reverse DNS, in that order. */
  checks: DeliverabilityCheck[];
  summary: { status: CheckStatus; text: string };
}

export type DeliverabilityResult = { ok: true; report: DeliverabilityReport } | { ok: false; error: string };

interface ResolvedRelay {
  label: string;
  host: string;
  preset?: RelayPreset;
}

const MAX_RELAY_ADDRESSES = 8;

/** Runs every check for one relay and one From address; DNS comes through `dns`, so it can be a zone in memory. */
export async function checkDeliverability(input: DeliverabilityCheckInput, uncachedDns: DnsLookup): Promise<DeliverabilityResult> {
  const fromAddress = input.fromAddress.trim();
  const at = fromAddress.lastIndexOf("@");
  const fromDomain = normaliseDomain(fromAddress.slice(at + 1));
  if (at < 1 || !isDomainName(fromDomain)) return { ok: false, error: "Enter a From address like name@example.com." };
  const relay = resolveRelay(input.relay);
  if (!relay) return { ok: false, error: "Choose a relay from the list, or enter its host name." };
  const dkimDomain = input.dkimDomain ? normaliseDomain(input.dkimDomain) : fromDomain;
  if (!isDomainName(dkimDomain)) return { ok: false, error: "The DKIM domain is not a domain name." };
  const returnPathDomain = input.returnPathDomain ? normaliseDomain(input.returnPathDomain) : undefined;
  if (returnPathDomain !== undefined && !isDomainName(returnPathDomain)) return { ok: false, error: "The return-path domain is not a domain name." };
  const userSelectors = (input.dkimSelectors ?? []).map((selector) => selector.trim()).filter((selector) => selector !== "");
  const badSelector = userSelectors.find((selector) => !isDkimSelector(selector));
  if (badSelector !== undefined) return { ok: false, error: `"${badSelector.slice(0, 40)}" is not a DKIM selector (letters, digits, - and _).` };

  const dns = memoizeDnsLookup(uncachedDns);
  const preset = relay.preset;
  const returnPath = preset?.returnPathAligned ?? true;
  const addresses = await relayAddresses(relay.host, dns);

  const [spf, dkim, mx, reverseDns] = await Promise.all([
    checkSpfForRelay(fromDomain, { label: relay.label, host: relay.host, addresses, spfIncludes: preset?.spfIncludes ?? [], spfCountsForDmarc: returnPath === true }, dns),
    checkDkimForRelay(
      dkimDomain,
      {
        label: relay.label,
        selectors: userSelectors.length > 0 ? userSelectors : (preset?.dkim.selectors ?? []),
        recordType: preset?.dkim.recordType ?? "TXT",
        note: englishPresetNotes(preset?.hints ?? OTHER_RELAY_PRESET_ID).dkim,
      },
      dns,
    ),
    checkFromDomainMx(fromDomain, dns),
    checkRelayReverseDns({ host: relay.host, addresses, managedByProvider: preset !== undefined }, dns),
  ]);

  const spfAlignment = await spfPassForDmarc({ returnPath, returnPathDomain, fromDomain, spfAuthorises: spf.authorises, preset }, dns);
  if (preset && returnPath === "custom-domain") spf.check.details.push(spfAlignment.note);
  const dmarc = await checkDmarc(
    {
      fromDomain,
      spfPassedFor: spfAlignment.passedFor,
      spfUnknown: spfAlignment.unknown,
      dkimPassedFor: dkim.usable ? dkimDomain : undefined,
      dkimUnknown: dkim.usable === undefined && dkim.check.status === "unknown",
      reportAddress: input.dmarcReportAddress?.trim() || `postmaster@${organizationalDomain(fromDomain)}`,
    },
    dns,
  );

  const checks = [spf.check, dkim.check, dmarc.check, mx, reverseDns];
  const problems = [spf.problem, dkim.problem].filter((problem): problem is string => problem !== undefined);
  const summary = summarise({
    fromAddress,
    relayLabel: relay.label,
    dmarc,
    problems,
    spfAuthorises: spf.authorises === true && returnPath === true,
    dkimUsable: dkim.usable === true,
    checks,
  });
  return { ok: true, report: { fromAddress, fromDomain, relayLabel: relay.label, relayHost: relay.host, checks, summary } };
}

function resolveRelay(choice: RelayChoice): ResolvedRelay | undefined {
  if (choice.kind === "preset") {
    const preset = findRelayPreset(choice.presetId);
    if (!preset || preset.id === OTHER_RELAY_PRESET_ID) return undefined;
    return { label: preset.label, host: preset.host, preset };
  }
  const host = normaliseDomain(choice.host);
  if (net.isIP(host) === 0 && !isDomainName(host)) return undefined;
  return { label: choice.kind === "company" ? `the company relay (${host})` : host, host };
}

/** The relay host's IPv4 and IPv6 addresses; undefined when they couldn't be looked up. */
async function relayAddresses(host: string, dns: DnsLookup): Promise<string[] | undefined> {
  if (net.isIP(host) !== 0) return [host];
  const [v4, v6] = await Promise.all([dns.a(host), dns.aaaa(host)]);
  const inconclusive = [v4, v6].some((answer) => !answer.ok && isLookupInconclusive(answer.kind));
  const addresses = [...(v4.ok ? v4.records : []), ...(v6.ok ? v6.records : [])].slice(0, MAX_RELAY_ADDRESSES);
  if (addresses.length === 0 && inconclusive) return undefined;
  return addresses;
}

/**
 * The domain SPF passes for, as DMARC sees it: the From domain when the relay keeps the From
 * address as Return-Path; a custom return-path domain when one is given and authorises the provider;
 * nothing when the provider bounces to its own domain.
 */
async function spfPassForDmarc(
  facts: { returnPath: boolean | "custom-domain"; returnPathDomain: string | undefined; fromDomain: string; spfAuthorises: boolean | undefined; preset: RelayPreset | undefined },
  dns: DnsLookup,
): Promise<{ passedFor: string | undefined; unknown: boolean; note: string }> {
  const { returnPath, returnPathDomain, fromDomain, spfAuthorises, preset } = facts;
  if (returnPath === true) return { passedFor: spfAuthorises ? fromDomain : undefined, unknown: spfAuthorises === undefined, note: "" };
  if (returnPath === false || !preset) return { passedFor: undefined, unknown: false, note: preset ? englishPresetNotes(preset.hints).returnPath : "" };
  if (!returnPathDomain) return { passedFor: undefined, unknown: false, note: `${englishPresetNotes(preset.hints).returnPath} (Enter your return-path domain to check it.)` };
  const evaluation = await evaluateSpf(returnPathDomain, { kind: "provider", label: preset.label, includeDomains: preset.spfIncludes }, dns);
  if (evaluation.outcome === "pass") return { passedFor: returnPathDomain, unknown: false, note: `The return path ${returnPathDomain} authorises ${preset.label}.` };
  return {
    passedFor: undefined,
    unknown: evaluation.outcome === "temperror",
    note: `The return path ${returnPathDomain} doesn't pass SPF for ${preset.label} (${evaluation.outcome}): ${evaluation.reason}.`,
  };
}

/**
 * A preset's notes as the report (still English) shows them, from the English catalogue that words
 * them for the settings form; ICU's quoting of <token> undone.
 */
function englishPresetNotes(hints: string): { returnPath: string; dkim: string } {
  const notes = (englishCatalogue.presets as Record<string, { returnPath: string; dkim: string } | undefined>)[hints] ?? englishCatalogue.presets.other;
  const unquote = (text: string) => text.replace(/'(<[^>]*>)'/g, "$1");
  return { returnPath: unquote(notes.returnPath), dkim: unquote(notes.dkim) };
}

function summarise(facts: {
  fromAddress: string;
  relayLabel: string;
  dmarc: Awaited<ReturnType<typeof checkDmarc>>;
  problems: string[];
  spfAuthorises: boolean;
  dkimUsable: boolean;
  checks: DeliverabilityCheck[];
}): { status: CheckStatus; text: string } {
  const { fromAddress, relayLabel, dmarc, problems } = facts;
  const subject = `Mail from ${fromAddress} through ${relayLabel}`;
  const because = problems.length > 0 ? `: ${problems.join("; ")}` : "";
  const via = dmarc.via.map((method) => method.toUpperCase()).join(" and ");
  const found = dmarc.lookup.state === "found";

  if (dmarc.lookup.state === "unknown" && dmarc.aligned) {
    return { status: "unknown", text: `${subject} is authenticated via ${via}, but Mailroom couldn't look up the DMARC record; try again later.` };
  }
  if (dmarc.check.status === "unknown" && !dmarc.aligned) {
    const unchecked = facts.checks.filter((check) => check.status === "unknown").map((check) => check.title);
    return {
      status: "unknown",
      text: `Mailroom couldn't check everything for ${subject.charAt(0).toLowerCase()}${subject.slice(1)} (${unchecked.join(", ")} didn't answer); try again later.`,
    };
  }
  if (found && dmarc.aligned) return { status: "green", text: `${subject} will pass DMARC via ${via}.` };
  if (dmarc.aligned) return { status: "amber", text: `${subject} is authenticated via ${via}, but ${dmarc.lookup.organizationalDomain} has no working DMARC record to say so.` };
  if (found && dmarc.policy === "reject") return { status: "red", text: `${subject} is likely to be rejected${because || ": DMARC doesn't pass and the policy is reject"}.` };
  if (found && dmarc.policy === "quarantine")
    return { status: "red", text: `${subject} is likely to land in spam${because || ": DMARC doesn't pass and the policy is quarantine"}.` };
  if (facts.spfAuthorises || facts.dkimUsable) {
    return { status: "amber", text: `${subject} will be delivered, but won't pass DMARC${because || ": SPF or DKIM passes for another domain than the From domain"}.` };
  }
  return { status: "red", text: `${subject} is likely to be rejected or land in spam${because || ": nothing authenticates it"}.` };
}
