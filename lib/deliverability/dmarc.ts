import { words, type DeliverabilityWords } from "./check-view";
import { isLookupInconclusive, normaliseDomain, type DnsFailureKind, type DnsLookup } from "./dns";
import { organizationalDomain } from "./organizational-domain";
import { parseTagList } from "./tag-list";

/** DMARC (RFC 7489): the record, its discovery, and identifier alignment. */
export type DmarcPolicy = "none" | "quarantine" | "reject";
export type AlignmentMode = "r" | "s";

export interface DmarcRecord {
  policy: DmarcPolicy;
  subdomainPolicy?: DmarcPolicy;
  adkim: AlignmentMode;
  aspf: AlignmentMode;
  pct: number;
  rua: string[];
  ruf: string[];
  /** Tags with values receivers ignore (in favour of the defaults), in plain words. */
  warnings: DeliverabilityWords[];
}

export type ParsedDmarcRecord = { ok: true; record: DmarcRecord } | { ok: false; error: DeliverabilityWords };

const POLICIES = new Set<string>(["none", "quarantine", "reject"]);
const MAX_REPORT_URIS = 10;

export function isDmarcRecord(text: string): boolean {
  return /^v\s*=\s*DMARC1\s*(;|$)/i.test(text.slice(0, 20));
}

export function parseDmarcRecord(text: string): ParsedDmarcRecord {
  const parsed = parseTagList(text, { lowerCaseNames: true });
  if (!parsed.ok) return parsed;
  const { tags, order } = parsed;
  if (order[0] !== "v" || tags.get("v") !== "DMARC1") return { ok: false, error: words("dmarcRecord.version") };
  const warnings: DeliverabilityWords[] = [];
  const rua = reportUris(tags.get("rua"), "rua", warnings);
  const ruf = reportUris(tags.get("ruf"), "ruf", warnings);
  const rawPolicy = tags.get("p")?.toLowerCase();
  let policy: DmarcPolicy;
  if (rawPolicy && POLICIES.has(rawPolicy)) policy = rawPolicy as DmarcPolicy;
  else if (rua.length > 0) {
    // RFC 7489 §6.6.3: a record with a valid rua but no valid p is read as p=none.
    policy = "none";
    warnings.push(rawPolicy === undefined ? words("dmarcRecord.policyMissing") : words("dmarcRecord.policyReadAsNone", { policy: rawPolicy }));
  } else return { ok: false, error: rawPolicy === undefined ? words("dmarcRecord.noPolicy") : words("dmarcRecord.badPolicy", { policy: rawPolicy }) };

  const rawSubdomainPolicy = tags.get("sp")?.toLowerCase();
  const subdomainPolicy = rawSubdomainPolicy && POLICIES.has(rawSubdomainPolicy) ? (rawSubdomainPolicy as DmarcPolicy) : undefined;
  if (rawSubdomainPolicy !== undefined && !subdomainPolicy) warnings.push(words("dmarcRecord.badSubdomainPolicy", { value: rawSubdomainPolicy, policy }));

  return {
    ok: true,
    record: {
      policy,
      subdomainPolicy,
      adkim: alignmentMode(tags.get("adkim"), "adkim", warnings),
      aspf: alignmentMode(tags.get("aspf"), "aspf", warnings),
      pct: percentage(tags.get("pct"), warnings),
      rua,
      ruf,
      warnings,
    },
  };
}

function alignmentMode(value: string | undefined, tag: string, warnings: DeliverabilityWords[]): AlignmentMode {
  if (value === undefined) return "r";
  const mode = value.toLowerCase();
  if (mode === "r" || mode === "s") return mode;
  warnings.push(words("dmarcRecord.badAlignment", { tag, value: value.slice(0, 20) }));
  return "r";
}

function percentage(value: string | undefined, warnings: DeliverabilityWords[]): number {
  if (value === undefined) return 100;
  if (/^\d{1,3}$/.test(value) && Number(value) <= 100) return Number(value);
  warnings.push(words("dmarcRecord.badPercentage", { value: value.slice(0, 20) }));
  return 100;
}

function reportUris(value: string | undefined, tag: string, warnings: DeliverabilityWords[]): string[] {
  if (value === undefined || value === "") return [];
  const uris = value
    .split(",")
    .slice(0, MAX_REPORT_URIS)
    .map((uri) => uri.trim())
    .filter((uri) => uri !== "");
  const valid = uris.filter((uri) => /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$/.test(uri));
  if (valid.length < uris.length) warnings.push(words("dmarcRecord.badUris", { tag }));
  return valid;
}

export type DmarcLookup =
  | { state: "found"; record: DmarcRecord; text: string; foundAt: string; organizationalDomain: string; appliedPolicy: DmarcPolicy }
  | { state: "invalid"; text: string; error: DeliverabilityWords; foundAt: string; organizationalDomain: string }
  | { state: "multiple"; foundAt: string; organizationalDomain: string }
  | { state: "missing"; organizationalDomain: string }
  | { state: "unknown"; kind: DnsFailureKind; name: string; organizationalDomain: string };

/**
 * Policy discovery (RFC 7489 §6.6.3): `_dmarc.<From domain>`, then `_dmarc.<organizational domain>`,
 * whose `sp=` (or else `p=`) applies to a subdomain. More than one DMARC record means no DMARC.
 */
export async function lookupDmarc(fromDomain: string, dns: DnsLookup): Promise<DmarcLookup> {
  const domain = normaliseDomain(fromDomain);
  const orgDomain = organizationalDomain(domain);
  const candidates = domain === orgDomain ? [domain] : [domain, orgDomain];
  for (const candidate of candidates) {
    const name = `_dmarc.${candidate}`;
    const answer = await dns.txt(name);
    if (!answer.ok) {
      if (isLookupInconclusive(answer.kind)) return { state: "unknown", kind: answer.kind, name, organizationalDomain: orgDomain };
      continue;
    }
    const records = answer.records.filter(isDmarcRecord);
    if (records.length === 0) continue;
    if (records.length > 1) return { state: "multiple", foundAt: name, organizationalDomain: orgDomain };
    const text = records[0] ?? "";
    const parsed = parseDmarcRecord(text);
    if (!parsed.ok) return { state: "invalid", text, error: parsed.error, foundAt: name, organizationalDomain: orgDomain };
    const inherited = candidate !== domain;
    const appliedPolicy = inherited ? (parsed.record.subdomainPolicy ?? parsed.record.policy) : parsed.record.policy;
    return { state: "found", record: parsed.record, text, foundAt: name, organizationalDomain: orgDomain, appliedPolicy };
  }
  return { state: "missing", organizationalDomain: orgDomain };
}

/** Identifier alignment (RFC 7489 §3.1): strict is the same domain, relaxed the same organizational domain. */
export function isAligned(authenticatedDomain: string, fromDomain: string, mode: AlignmentMode): boolean {
  const left = normaliseDomain(authenticatedDomain);
  const right = normaliseDomain(fromDomain);
  if (left === "" || right === "") return false;
  return mode === "s" ? left === right : organizationalDomain(left) === organizationalDomain(right);
}

export interface DmarcAuthentication {
  /** The domain that passed (the SPF envelope domain, the DKIM d=), when it passed. */
  spfPassedFor?: string;
  dkimPassedFor?: string;
}

export interface DmarcAlignmentResult {
  passes: boolean;
  via: ("dkim" | "spf")[];
}

/** DMARC passes when SPF or DKIM passed for a domain aligned with the From domain. */
export function evaluateDmarcAlignment(fromDomain: string, record: Pick<DmarcRecord, "adkim" | "aspf">, authentication: DmarcAuthentication): DmarcAlignmentResult {
  const via: ("dkim" | "spf")[] = [];
  if (authentication.dkimPassedFor && isAligned(authentication.dkimPassedFor, fromDomain, record.adkim)) via.push("dkim");
  if (authentication.spfPassedFor && isAligned(authentication.spfPassedFor, fromDomain, record.aspf)) via.push("spf");
  return { passes: via.length > 0, via };
}

/** What receivers do with mail that fails DMARC under a policy. */
export function failureConsequence(policy: DmarcPolicy): "delivered-unprotected" | "spam" | "rejected" {
  return policy === "reject" ? "rejected" : policy === "quarantine" ? "spam" : "delivered-unprotected";
}
