import { checkDeliverability, type DeliverabilityReport, type RelayChoice } from "@/lib/deliverability/check-deliverability";
import { words, type DeliverabilityWords } from "@/lib/deliverability/check-view";
import { createDnsLookup, type DnsLookup } from "@/lib/deliverability/dns";
import { findRelayPresetByHost } from "@/lib/deliverability/relay-presets";
import type { SmtpRelay } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { BoundedTtlCache } from "./deliverability-cache";

/**
 * The deliverability check as Mailroom runs it for a user: which relay (the company's, a preset
 * recognised by its host, or another host), each identity checked against it, and the results kept
 * for a while so that the settings page and the composer can show them without asking DNS again.
 * Results are words of the deliverability catalogue (keys and values), cached as such and worded in
 * the reader's language where they are shown.
 */

/** The relay the check is about, and the key its results are cached under. */
export interface DeliverabilityRelay {
  key: string;
  choice: RelayChoice;
  /** The preset's id when the host is a known service's, for the form's picker. */
  presetId?: string;
}

export interface IdentityDeliverability {
  fromAddress: string;
  /** ISO time of the lookups. */
  checkedAt: string;
  result: { ok: true; report: DeliverabilityReport } | { ok: false; error: DeliverabilityWords };
}

interface CachedCheck {
  identity: IdentityDeliverability;
  /** The DKIM selectors the user asked for (empty: the preset's own). */
  selectors: string[];
}

/** Younger results are shown without asking DNS again; "Check deliverability" always asks. */
export const FRESH_CHECK_MS = 10 * 60_000;
/** The composer keeps warning from a result this long. */
const KEPT_CHECK_MS = 24 * 60 * 60_000;
const MAX_CACHED_CHECKS = 10_000;
/** A user with more identities gets the first ones checked: bounded DNS work per press. */
export const MAX_CHECKED_IDENTITIES = 20;

const holder = globalThis as { __mailroomDeliverabilityCache?: BoundedTtlCache<CachedCheck> };

function cache(): BoundedTtlCache<CachedCheck> {
  holder.__mailroomDeliverabilityCache ??= new BoundedTtlCache(MAX_CACHED_CHECKS, KEPT_CHECK_MS);
  return holder.__mailroomDeliverabilityCache;
}

function cacheKey(userId: string, relay: DeliverabilityRelay, fromAddress: string): string {
  return `${userId}\n${relay.key}\n${fromAddress.toLowerCase()}`;
}

/** The company relay, or the user's own relay by host (a preset when the host is a known service's). */
export function deliverabilityRelay(choice: { useCompanyRelay: true } | { useCompanyRelay: false; host: string }): DeliverabilityRelay {
  if (choice.useCompanyRelay) {
    const { host } = env().smtp;
    return { key: `company:${host.toLowerCase()}`, choice: { kind: "company", host } };
  }
  const host = choice.host.trim().toLowerCase();
  const preset = findRelayPresetByHost(host);
  if (preset) return { key: `own:${preset.host}`, choice: { kind: "preset", presetId: preset.id }, presetId: preset.id };
  return { key: `own:${host}`, choice: { kind: "other", host } };
}

/** The relay a user's saved settings send through (the company relay when nothing usable is saved). */
export function savedDeliverabilityRelay(row: SmtpRelay | undefined): DeliverabilityRelay {
  if (!row || row.useCompanyRelay || !row.host) return deliverabilityRelay({ useCompanyRelay: true });
  return deliverabilityRelay({ useCompanyRelay: false, host: row.host });
}

/** What is cached for these addresses and this relay (fresh or not), and the selectors last used. */
export function cachedDeliverability(
  userId: string,
  relay: DeliverabilityRelay,
  addresses: readonly string[],
  now = Date.now(),
): { identities: (IdentityDeliverability & { fresh: boolean })[]; selectors: string[] } {
  const identities: (IdentityDeliverability & { fresh: boolean })[] = [];
  let selectors: string[] = [];
  for (const address of addresses.slice(0, MAX_CHECKED_IDENTITIES)) {
    const entry = cache().get(cacheKey(userId, relay, address), now);
    if (!entry) continue;
    identities.push({ ...entry.value.identity, fresh: now - entry.storedAt < FRESH_CHECK_MS });
    selectors = entry.value.selectors;
  }
  return { identities, selectors };
}

/**
 * Checks each address against the relay: fresh cached results are reused unless `force`; the rest
 * are looked up (after `allowLookups` agrees, e.g. a rate limit) and cached. Results follow the
 * order of `addresses`.
 */
export async function checkIdentitiesDeliverability(
  userId: string,
  relay: DeliverabilityRelay,
  addresses: readonly string[],
  options: { selectors: string[]; force: boolean; allowLookups: () => Promise<string | undefined>; dns?: DnsLookup },
): Promise<{ ok: true; identities: IdentityDeliverability[] } | { ok: false; error: string }> {
  const now = Date.now();
  const wanted = addresses.slice(0, MAX_CHECKED_IDENTITIES);
  const sameSelectors = (cached: CachedCheck) => cached.selectors.join(" ") === options.selectors.join(" ");
  const reusable = new Map<string, IdentityDeliverability>();
  if (!options.force) {
    for (const address of wanted) {
      const entry = cache().get(cacheKey(userId, relay, address), now);
      if (entry && now - entry.storedAt < FRESH_CHECK_MS && sameSelectors(entry.value)) reusable.set(address, entry.value.identity);
    }
  }
  const missing = wanted.filter((address) => !reusable.has(address));
  if (missing.length > 0) {
    const refused = await options.allowLookups();
    if (refused) return { ok: false, error: refused };
  }
  const dns = options.dns ?? createDnsLookup({ servers: env().dnsServers, timeoutMs: 2000, tries: 2 });
  const checked = await Promise.all(
    missing.map(async (fromAddress): Promise<IdentityDeliverability> => {
      const result = await checkDeliverability({ relay: relay.choice, fromAddress, dkimSelectors: options.selectors }, dns);
      const identity: IdentityDeliverability = { fromAddress, checkedAt: new Date().toISOString(), result: result.ok ? { ok: true, report: result.report } : result };
      cache().set(cacheKey(userId, relay, fromAddress), { identity, selectors: options.selectors });
      return identity;
    }),
  );
  const byAddress = new Map([...reusable, ...checked.map((identity) => [identity.fromAddress, identity] as const)]);
  return { ok: true, identities: wanted.flatMap((address) => byAddress.get(address) ?? []) };
}

/**
 * What the composer says before sending from an address whose last check through this relay was
 * red: the red checks (title and explanation), or else the summary, by address, to be worded by the
 * caller. Addresses without a red result are left out.
 */
export function redDeliverabilityWarnings(userId: string, relay: DeliverabilityRelay, addresses: readonly string[]): Map<string, DeliverabilityWords[]> {
  const warnings = new Map<string, DeliverabilityWords[]>();
  for (const identity of cachedDeliverability(userId, relay, addresses).identities) {
    if (!identity.result.ok || identity.result.report.summary.status !== "red") continue;
    const { report } = identity.result;
    const reasons = report.checks
      .filter((check) => check.status === "red")
      .map((check) => words("redCheck", { title: words(`title.${check.id}`), explanation: check.explanation }));
    warnings.set(identity.fromAddress.toLowerCase(), reasons.length > 0 ? reasons : [report.summary.text]);
  }
  return warnings;
}
