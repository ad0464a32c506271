import net from "node:net";
import { words, type DeliverabilityWords, type WordValue } from "./check-view";
import { isLookupInconclusive, normaliseDomain, type DnsLookup } from "./dns";

/**
 * SPF (RFC 7208): parse a record and evaluate `check_host()` for a relay. Two kinds of sender:
 * - an address (a relay Mailroom knows only by host name): the real algorithm on that IP;
 * - a provider (a preset): "the provider's IPs", which match exactly the `include:` of one of the
 *   provider's domains, and nothing else.
 * `exists`, `ptr` and macros are counted but not evaluated: reaching one gives "unevaluable".
 */
export type SpfQualifier = "+" | "-" | "~" | "?";
export type SpfMechanismName = "all" | "include" | "a" | "mx" | "ptr" | "ip4" | "ip6" | "exists";

export interface SpfMechanism {
  type: "mechanism";
  qualifier: SpfQualifier;
  name: SpfMechanismName;
  /** The domain-spec as written (include, exists, a, mx, ptr), lower-cased. */
  domain?: string;
  /** The network of ip4/ip6. */
  network?: string;
  cidr4?: number;
  cidr6?: number;
  usesMacros: boolean;
  text: string;
}
export interface SpfModifier {
  type: "modifier";
  name: string;
  value: string;
  usesMacros: boolean;
  text: string;
}
export type SpfTerm = SpfMechanism | SpfModifier;
export type ParsedSpfRecord = { ok: true; mechanisms: SpfMechanism[]; modifiers: SpfModifier[]; redirect?: SpfModifier } | { ok: false; error: DeliverabilityWords };

export const SPF_LOOKUP_LIMIT = 10;
export const SPF_VOID_LOOKUP_LIMIT = 2;
const MX_ADDRESS_LOOKUP_LIMIT = 10;

const MECHANISM = /^([+\-~?]?)(all|include|a|mx|ptr|ip4|ip6|exists)(?=$|[:/])/i;
const MODIFIER = /^([A-Za-z][A-Za-z0-9\-_.]*)=/;
const DUAL_CIDR = /(?:\/(\d{1,3}))?(?:\/\/(\d{1,3}))?$/;

/** Whether a TXT record is an SPF record: `v=spf1` alone or followed by a space (any case). */
export function isSpfRecord(text: string): boolean {
  const head = text.slice(0, 7).toLowerCase();
  return head === "v=spf1" || head === "v=spf1 ";
}

export function parseSpfRecord(text: string): ParsedSpfRecord {
  if (!isSpfRecord(text)) return { ok: false, error: words("spfRecord.version") };
  const mechanisms: SpfMechanism[] = [];
  const modifiers: SpfModifier[] = [];
  let redirect: SpfModifier | undefined;
  let explanation = false;
  for (const term of text.slice(6).split(" ")) {
    if (term === "") continue;
    const mechanism = MECHANISM.exec(term);
    if (mechanism) {
      const parsed = parseMechanism(term, (mechanism[1] || "+") as SpfQualifier, (mechanism[2] ?? "").toLowerCase() as SpfMechanismName, term.slice(mechanism[0].length));
      if ("key" in parsed) return { ok: false, error: parsed };
      mechanisms.push(parsed);
      continue;
    }
    const modifier = MODIFIER.exec(term);
    if (!modifier) return { ok: false, error: words("spfRecord.unknownTerm", { term: clip(term) }) };
    const name = (modifier[1] ?? "").toLowerCase();
    const value = term.slice(modifier[0].length);
    const macroError = macroSyntaxError(value);
    if (macroError) return { ok: false, error: words("spfRecord.modifierMacro", { name, error: macroError }) };
    const parsed: SpfModifier = { type: "modifier", name, value: value.toLowerCase(), usesMacros: value.includes("%"), text: term };
    if (name === "redirect") {
      if (redirect) return { ok: false, error: words("spfRecord.twoRedirects") };
      if (!parsed.usesMacros && !isDomainName(parsed.value)) return { ok: false, error: words("spfRecord.redirectNotDomain", { value: clip(value) }) };
      redirect = parsed;
    }
    if (name === "exp") {
      if (explanation) return { ok: false, error: words("spfRecord.twoExp") };
      explanation = true;
    }
    modifiers.push(parsed);
  }
  return { ok: true, mechanisms, modifiers, redirect };
}

function parseMechanism(text: string, qualifier: SpfQualifier, name: SpfMechanismName, rest: string): SpfMechanism | DeliverabilityWords {
  const base = { type: "mechanism" as const, qualifier, name, usesMacros: false, text };
  switch (name) {
    case "all":
      return rest === "" ? base : words("spfRecord.allArgument", { term: clip(text) });
    case "include":
    case "exists":
    case "ptr": {
      if (name === "ptr" && rest === "") return base;
      if (!rest.startsWith(":")) return words("spfRecord.needsDomain", { term: clip(text), name });
      return withDomain(base, rest.slice(1));
    }
    case "a":
    case "mx": {
      const cidr = DUAL_CIDR.exec(rest);
      const domainPart = cidr ? rest.slice(0, cidr.index) : rest;
      const cidr4 = cidr?.[1] === undefined ? undefined : cidrLength(cidr[1], 32);
      const cidr6 = cidr?.[2] === undefined ? undefined : cidrLength(cidr[2], 128);
      if (cidr4 === null || cidr6 === null) return words("spfRecord.prefixLength", { term: clip(text) });
      const withCidr = { ...base, cidr4, cidr6 };
      if (domainPart === "") return withCidr;
      if (!domainPart.startsWith(":")) return words("spfRecord.badMechanism", { term: clip(text), name });
      return withDomain(withCidr, domainPart.slice(1));
    }
    case "ip4":
    case "ip6": {
      if (!rest.startsWith(":")) return words("spfRecord.needsAddress", { term: clip(text), name });
      const slash = rest.indexOf("/");
      const network = slash === -1 ? rest.slice(1) : rest.slice(1, slash);
      const valid = name === "ip4" ? net.isIPv4(network) : net.isIPv6(network);
      if (!valid) return words("spfRecord.badAddress", { term: clip(text), network: clip(network), family: name });
      const max = name === "ip4" ? 32 : 128;
      const length = slash === -1 ? max : cidrLength(rest.slice(slash + 1), max);
      if (length === null) return words("spfRecord.prefixLength", { term: clip(text) });
      return name === "ip4" ? { ...base, network, cidr4: length } : { ...base, network, cidr6: length };
    }
  }
}

function withDomain(mechanism: SpfMechanism, domainSpec: string): SpfMechanism | DeliverabilityWords {
  const macroError = macroSyntaxError(domainSpec);
  if (macroError) return words("spfRecord.macro", { term: clip(mechanism.text), error: macroError });
  const domain = domainSpec.toLowerCase();
  if (domain.includes("%")) return { ...mechanism, domain, usesMacros: true };
  if (!isDomainName(domain)) return words("spfRecord.notDomain", { term: clip(mechanism.text), domain: clip(domainSpec) });
  return { ...mechanism, domain: normaliseDomain(domain) };
}

/** RFC 7208 §7.1: `%` must start `%{…}`, `%%`, `%_` or `%-`. */
function macroSyntaxError(value: string): DeliverabilityWords | undefined {
  for (let index = value.indexOf("%"); index !== -1; index = value.indexOf("%", index + 2)) {
    const next = value[index + 1];
    if (next === "{") {
      const close = value.indexOf("}", index);
      if (close === -1) return words("spfRecord.macroNotClosed");
      index = close - 1;
    } else if (next !== "%" && next !== "_" && next !== "-") return words("spfRecord.percentNotMacro");
  }
  return undefined;
}

function cidrLength(text: string, max: number): number | null {
  if (!/^(0|[1-9]\d{0,2})$/.test(text)) return null;
  const value = Number(text);
  return value <= max ? value : null;
}

/** A name with at least two labels, each 1–63 of letters, digits, `-` and `_`, 253 characters at most. */
export function isDomainName(name: string): boolean {
  const domain = normaliseDomain(name);
  if (domain.length === 0 || domain.length > 253) return false;
  const labels = domain.split(".");
  if (labels.length < 2) return false;
  return labels.every((label) => label.length >= 1 && label.length <= 63 && /^[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?$/.test(label));
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

// ---- Evaluation ------------------------------------------------------------------------------

export type SpfSender = { kind: "address"; address: string } | { kind: "provider"; label: WordValue; includeDomains: string[] };
export type SpfOutcome = "pass" | "fail" | "softfail" | "neutral" | "none" | "permerror" | "temperror" | "unevaluable";

export interface SpfEvaluation {
  outcome: SpfOutcome;
  /** Plain words: why this outcome (which mechanism matched, what broke). */
  reason: DeliverabilityWords;
  /** DNS lookups counted against the limit of 10. */
  lookups: number;
  voidLookups: number;
  /** The SPF records found at the domain itself (more than one is a permerror). */
  records: string[];
  /** The qualifier of the top record's `all`, or undefined when it has none. */
  allQualifier?: SpfQualifier;
  /** For "unevaluable": what Mailroom can't evaluate. */
  unevaluable?: "macro" | "exists" | "ptr";
}

class SpfHalt {
  constructor(
    readonly outcome: "permerror" | "temperror" | "unevaluable",
    readonly reason: DeliverabilityWords,
    readonly unevaluable?: "macro" | "exists" | "ptr",
  ) {}
}

interface Evaluation {
  dns: DnsLookup;
  sender: SpfSender;
  family: 4 | 6 | undefined;
  lookups: number;
  voidLookups: number;
  records: string[];
  allQualifier?: SpfQualifier;
}

type HostResult = { outcome: "pass" | "fail" | "softfail" | "neutral" | "none"; reason: DeliverabilityWords };

const QUALIFIER_OUTCOME: Record<SpfQualifier, "pass" | "fail" | "softfail" | "neutral"> = { "+": "pass", "-": "fail", "~": "softfail", "?": "neutral" };

/** `check_host()` of `domain` for one sender, with the lookup limits of RFC 7208 §4.6.4. */
export async function evaluateSpf(domain: string, sender: SpfSender, dns: DnsLookup): Promise<SpfEvaluation> {
  const family = sender.kind === "address" ? net.isIP(sender.address) : undefined;
  if (family === 0) throw new Error(`evaluateSpf: ${sender.kind === "address" ? sender.address : ""} is not an IP address`);
  const state: Evaluation = { dns, sender, family: family as 4 | 6 | undefined, lookups: 0, voidLookups: 0, records: [] };
  try {
    const result = await checkHost(state, normaliseDomain(domain), "top");
    return { ...result, lookups: state.lookups, voidLookups: state.voidLookups, records: state.records, allQualifier: state.allQualifier };
  } catch (error) {
    if (!(error instanceof SpfHalt)) throw error;
    return {
      outcome: error.outcome,
      reason: error.reason,
      unevaluable: error.unevaluable,
      lookups: state.lookups,
      voidLookups: state.voidLookups,
      records: state.records,
      allQualifier: state.allQualifier,
    };
  }
}

async function checkHost(state: Evaluation, domain: string, via: "top" | "include" | "redirect"): Promise<HostResult> {
  const answer = await state.dns.txt(domain);
  if (!answer.ok) {
    if (isLookupInconclusive(answer.kind)) throw new SpfHalt("temperror", words("spfReason.recordUnfetched", { domain, kind: answer.kind }));
    if (via !== "top") countVoidLookup(state, domain);
    return { outcome: "none", reason: words("spfReason.none", { domain }) };
  }
  const records = answer.records.filter(isSpfRecord);
  if (via === "top") {
    state.records = records;
  }
  if (records.length === 0) return { outcome: "none", reason: words("spfReason.none", { domain }) };
  if (records.length > 1) throw new SpfHalt("permerror", words("spfReason.several", { domain, count: records.length }));
  const parsed = parseSpfRecord(records[0] ?? "");
  if (!parsed.ok) throw new SpfHalt("permerror", words("spfReason.broken", { domain, error: parsed.error }));
  if (via === "top") state.allQualifier = parsed.mechanisms.find((mechanism) => mechanism.name === "all")?.qualifier;

  for (const mechanism of parsed.mechanisms) {
    if (mechanism.usesMacros) throw new SpfHalt("unevaluable", words("spfReason.macros", { term: mechanism.text, domain }), "macro");
    if (await matches(state, mechanism, domain)) {
      const outcome = QUALIFIER_OUTCOME[mechanism.qualifier];
      return { outcome, reason: words("spfReason.matched", { term: mechanism.text, domain, outcome }) };
    }
  }
  const redirect = parsed.redirect;
  if (redirect && !parsed.mechanisms.some((mechanism) => mechanism.name === "all")) {
    countLookup(state);
    if (redirect.usesMacros) throw new SpfHalt("unevaluable", words("spfReason.macros", { term: redirect.text, domain }), "macro");
    const target = normaliseDomain(redirect.value);
    const result = await checkHost(state, target, "redirect");
    if (result.outcome === "none") throw new SpfHalt("permerror", words("spfReason.redirectNone", { domain, target }));
    return result;
  }
  return { outcome: "neutral", reason: words("spfReason.nothingMatched", { domain }) };
}

async function matches(state: Evaluation, mechanism: SpfMechanism, domain: string): Promise<boolean> {
  const { sender } = state;
  switch (mechanism.name) {
    case "all":
      return true;
    case "include": {
      countLookup(state);
      const target = mechanism.domain ?? "";
      if (sender.kind === "provider" && sender.includeDomains.some((include) => normaliseDomain(include) === target)) {
        await countProviderLookups(state, target, new Set());
        return true;
      }
      const result = await checkHost(state, target, "include");
      if (result.outcome === "none") throw new SpfHalt("permerror", words("spfReason.includeNone", { term: mechanism.text, domain }));
      return result.outcome === "pass";
    }
    case "a": {
      countLookup(state);
      const addresses = await addressesOf(state, mechanism.domain ?? domain, true);
      return sender.kind === "address" && addresses.some((address) => inNetwork(sender.address, address, mechanism));
    }
    case "mx": {
      countLookup(state);
      const target = mechanism.domain ?? domain;
      const answer = await state.dns.mx(target);
      if (!answer.ok) {
        if (isLookupInconclusive(answer.kind)) throw new SpfHalt("temperror", words("spfReason.mxUnfetched", { domain: target, kind: answer.kind }));
        countVoidLookup(state, target);
        return false;
      }
      if (sender.kind !== "address") return false;
      const exchanges = answer.records.filter((record) => normaliseDomain(record.exchange) !== "").sort((left, right) => left.priority - right.priority);
      if (exchanges.length > MX_ADDRESS_LOOKUP_LIMIT) throw new SpfHalt("permerror", words("spfReason.tooManyMx", { domain: target, limit: MX_ADDRESS_LOOKUP_LIMIT }));
      for (const exchange of exchanges) {
        const addresses = await addressesOf(state, exchange.exchange, false);
        if (addresses.some((address) => inNetwork(sender.address, address, mechanism))) return true;
      }
      return false;
    }
    case "ptr":
      countLookup(state);
      throw new SpfHalt("unevaluable", words("spfReason.ptr", { domain }), "ptr");
    case "exists":
      countLookup(state);
      throw new SpfHalt("unevaluable", words("spfReason.exists", { domain, target: mechanism.domain ?? "" }), "exists");
    case "ip4":
    case "ip6":
      return sender.kind === "address" && inNetwork(sender.address, mechanism.network ?? "", mechanism);
  }
}

/** The A (or AAAA, for an IPv6 sender) addresses of a name; a provider sender asks A, for the lookup counts only. */
async function addressesOf(state: Evaluation, name: string, countsAsVoid: boolean): Promise<string[]> {
  const answer = state.family === 6 ? await state.dns.aaaa(name) : await state.dns.a(name);
  if (answer.ok) return answer.records;
  if (isLookupInconclusive(answer.kind)) throw new SpfHalt("temperror", words("spfReason.addressesUnfetched", { domain: name, kind: answer.kind }));
  if (countsAsVoid) countVoidLookup(state, name);
  return [];
}

/**
 * The provider's own record is not evaluated (we don't know which of its IPs will send), but its
 * lookups count: a receiver may walk all of it before matching, so we count the whole tree.
 * What can't be fetched there is skipped: that is the provider's to keep working.
 */
async function countProviderLookups(state: Evaluation, domain: string, seen: Set<string>): Promise<void> {
  if (seen.has(domain)) return;
  seen.add(domain);
  const answer = await state.dns.txt(domain);
  if (!answer.ok) return;
  const records = answer.records.filter(isSpfRecord);
  if (records.length !== 1) return;
  const parsed = parseSpfRecord(records[0] ?? "");
  if (!parsed.ok) return;
  for (const mechanism of parsed.mechanisms) {
    if (mechanism.name === "all" || mechanism.name === "ip4" || mechanism.name === "ip6") continue;
    countLookup(state);
    if (mechanism.name === "include" && mechanism.domain && !mechanism.usesMacros) await countProviderLookups(state, mechanism.domain, seen);
  }
  if (parsed.redirect && !parsed.redirect.usesMacros && !parsed.mechanisms.some((mechanism) => mechanism.name === "all")) {
    countLookup(state);
    await countProviderLookups(state, normaliseDomain(parsed.redirect.value), seen);
  }
}

function countLookup(state: Evaluation): void {
  state.lookups += 1;
  if (state.lookups > SPF_LOOKUP_LIMIT) {
    throw new SpfHalt("permerror", words("spfReason.tooManyLookups", { limit: SPF_LOOKUP_LIMIT }));
  }
}

function countVoidLookup(state: Evaluation, name: string): void {
  state.voidLookups += 1;
  if (state.voidLookups > SPF_VOID_LOOKUP_LIMIT) {
    throw new SpfHalt("permerror", words("spfReason.tooManyVoid", { limit: SPF_VOID_LOOKUP_LIMIT, domain: name }));
  }
}

function inNetwork(address: string, network: string, mechanism: SpfMechanism): boolean {
  const family = net.isIP(address);
  if (family === 0 || family !== net.isIP(network)) return false;
  const prefix = family === 4 ? (mechanism.cidr4 ?? 32) : (mechanism.cidr6 ?? 128);
  const list = new net.BlockList();
  const type = family === 4 ? "ipv4" : "ipv6";
  list.addSubnet(network, prefix, type);
  return list.check(address, type);
}

// ---- Suggesting a record -----------------------------------------------------------------------

/**
 * The one SPF record to publish so that `mechanism` (e.g. `include:mailgun.org`, `a:relay.example.net`)
 * is authorised: the existing record(s) merged, the new mechanism placed before `all`, the existing
 * `all` qualifier kept (`~all` when there was none). Several records are merged into one.
 */
export function suggestSpfRecord(existing: string[], mechanism: string): string {
  const terms: string[] = [];
  const seen = new Set<string>();
  let all: string | undefined;
  let redirect: string | undefined;
  let explanation: string | undefined;
  for (const record of existing.filter(isSpfRecord)) {
    for (const term of record.slice(6).split(" ")) {
      if (term === "") continue;
      const lower = term.toLowerCase();
      // "all" and "+all" let anyone pass: the suggestion never keeps them.
      if (/^[+\-~?]?all$/.test(lower)) all ??= lower === "all" || lower === "+all" ? "~all" : lower;
      else if (lower.startsWith("redirect=")) redirect ??= term;
      else if (lower.startsWith("exp=")) explanation ??= term;
      else if (!seen.has(lower.replace(/^\+/, ""))) {
        seen.add(lower.replace(/^\+/, ""));
        terms.push(term);
      }
    }
  }
  if (!seen.has(mechanism.toLowerCase())) terms.push(mechanism);
  // A redirect only applies when there is no all: keep it as the ending if the record relied on it.
  const ending = all ?? redirect ?? "~all";
  return ["v=spf1", ...terms, ending, ...(explanation ? [explanation] : [])].join(" ");
}
