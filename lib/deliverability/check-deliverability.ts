import net from "node:net";
import { isLookupInconclusive, memoizeDnsLookup, normaliseDomain, type DnsLookup } from "./dns";
import { checkTitle, words, type CheckStatus, type DeliverabilityCheck, type DeliverabilityWords, type WordValue } from "./check-view";
import { checkDkimForRelay } from "./dkim-check";
import { isDkimSelector } from "./dkim";
import { checkDmarc } from "./dmarc-check";
import { checkFromDomainMx } from "./mx-check";
import { organizationalDomain } from "./organizational-domain";
import { findRelayPreset, OTHER_RELAY_PRESET_ID, type RelayPreset } from "./relay-presets";
import { checkRelayReverseDns } from "./reverse-dns-check";
import { checkSpfForRelay } from "./spf-check";
import { evaluateSpf, isDomainName } from "./spf";

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
  /** The relay's name in a sentence: a preset's label, a host, or words (the company relay). */
  relayLabel: WordValue;
  relayHost: string;
  /** SPF, DKIM, DMARC, MX, reverse DNS, in that order. */
  checks: DeliverabilityCheck[];
  summary: { status: CheckStatus; text: DeliverabilityWords };
}

export type DeliverabilityResult = { ok: true; report: DeliverabilityReport } | { ok: false; error: DeliverabilityWords };

interface ResolvedRelay {
  label: WordValue;
  host: string;
  preset?: RelayPreset;
}

const MAX_RELAY_ADDRESSES = 8;

/** Runs every check for one relay and one From address; DNS comes through `dns`, so it can be a zone in memory. */
export async function checkDeliverability(input: DeliverabilityCheckInput, uncachedDns: DnsLookup): Promise<DeliverabilityResult> {
  const fromAddress = input.fromAddress.trim();
  const at = fromAddress.lastIndexOf("@");
  const fromDomain = normaliseDomain(fromAddress.slice(at + 1));
  if (at < 1 || !isDomainName(fromDomain)) return { ok: false, error: words("input.fromAddress") };
  const relay = resolveRelay(input.relay);
  if (!relay) return { ok: false, error: words("input.relay") };
  const dkimDomain = input.dkimDomain ? normaliseDomain(input.dkimDomain) : fromDomain;
  if (!isDomainName(dkimDomain)) return { ok: false, error: words("input.dkimDomain") };
  const returnPathDomain = input.returnPathDomain ? normaliseDomain(input.returnPathDomain) : undefined;
  if (returnPathDomain !== undefined && !isDomainName(returnPathDomain)) return { ok: false, error: words("input.returnPathDomain") };
  const userSelectors = (input.dkimSelectors ?? []).map((selector) => selector.trim()).filter((selector) => selector !== "");
  const badSelector = userSelectors.find((selector) => !isDkimSelector(selector));
  if (badSelector !== undefined) return { ok: false, error: words("input.selector", { selector: badSelector.slice(0, 40) }) };

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
        note: words(`presets.${preset?.hints ?? OTHER_RELAY_PRESET_ID}.dkim`),
      },
      dns,
    ),
    checkFromDomainMx(fromDomain, dns),
    checkRelayReverseDns({ host: relay.host, addresses, managedByProvider: preset !== undefined }, dns),
  ]);

  const spfAlignment = await spfPassForDmarc({ returnPath, returnPathDomain, fromDomain, spfAuthorises: spf.authorises, preset }, dns);
  if (preset && returnPath === "custom-domain" && spfAlignment.note) spf.check.details.push(spfAlignment.note);
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
  const problems = [spf.problem, dkim.problem].filter((problem): problem is DeliverabilityWords => problem !== undefined);
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
  return { label: choice.kind === "company" ? words("relay.company", { host }) : host, host };
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
): Promise<{ passedFor: string | undefined; unknown: boolean; note?: DeliverabilityWords }> {
  const { returnPath, returnPathDomain, fromDomain, spfAuthorises, preset } = facts;
  if (returnPath === true) return { passedFor: spfAuthorises ? fromDomain : undefined, unknown: spfAuthorises === undefined };
  if (returnPath === false || !preset) return { passedFor: undefined, unknown: false, note: preset ? words(`presets.${preset.hints}.returnPath`) : undefined };
  if (!returnPathDomain) return { passedFor: undefined, unknown: false, note: words("spf.returnPathUnchecked", { note: words(`presets.${preset.hints}.returnPath`) }) };
  const evaluation = await evaluateSpf(returnPathDomain, { kind: "provider", label: preset.label, includeDomains: preset.spfIncludes }, dns);
  if (evaluation.outcome === "pass") return { passedFor: returnPathDomain, unknown: false, note: words("spf.returnPathPasses", { domain: returnPathDomain, relay: preset.label }) };
  return {
    passedFor: undefined,
    unknown: evaluation.outcome === "temperror",
    note: words("spf.returnPathFails", { domain: returnPathDomain, relay: preset.label, outcome: evaluation.outcome, reason: evaluation.reason }),
  };
}

function summarise(facts: {
  fromAddress: string;
  relayLabel: WordValue;
  dmarc: Awaited<ReturnType<typeof checkDmarc>>;
  problems: DeliverabilityWords[];
  spfAuthorises: boolean;
  dkimUsable: boolean;
  checks: DeliverabilityCheck[];
}): { status: CheckStatus; text: DeliverabilityWords } {
  const { dmarc, problems } = facts;
  const subject = { address: facts.fromAddress, relay: facts.relayLabel };
  const because = (fallback: string) => ({ ...subject, because: problems.length > 0 ? problems : [words(fallback)] });
  const via = dmarc.via.map((method) => words(`method.${method}`));
  const found = dmarc.lookup.state === "found";

  if (dmarc.lookup.state === "unknown" && dmarc.aligned) return { status: "unknown", text: words("summary.dmarcUnknown", { ...subject, via }) };
  if (dmarc.check.status === "unknown" && !dmarc.aligned) {
    const unchecked = facts.checks.filter((check) => check.status === "unknown").map((check) => checkTitle(check.id));
    return { status: "unknown", text: words("summary.unchecked", { ...subject, checks: unchecked }) };
  }
  if (found && dmarc.aligned) return { status: "green", text: words("summary.passes", { ...subject, via }) };
  if (dmarc.aligned) return { status: "amber", text: words("summary.noWorkingRecord", { ...subject, via, domain: dmarc.lookup.organizationalDomain }) };
  if (found && dmarc.policy === "reject") return { status: "red", text: words("summary.rejected", because("summary.becauseReject")) };
  if (found && dmarc.policy === "quarantine") return { status: "red", text: words("summary.spam", because("summary.becauseQuarantine")) };
  if (facts.spfAuthorises || facts.dkimUsable) return { status: "amber", text: words("summary.unaligned", because("summary.becauseOtherDomain")) };
  return { status: "red", text: words("summary.rejectedOrSpam", because("summary.becauseNothing")) };
}
