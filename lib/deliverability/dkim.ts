import { createPublicKey } from "node:crypto";
import { isLookupInconclusive, normaliseDomain, type DnsFailureKind, type DnsLookup } from "./dns";
import { words, type DeliverabilityWords } from "./check-view";
import { parseTagList } from "./tag-list";

/** DKIM key records (RFC 6376 §3.6.1, ed25519 from RFC 8463) at `<selector>._domainkey.<domain>`. */
export type DkimKeyType = "rsa" | "ed25519";

export type ParsedDkimRecord =
  | { ok: true; keyType: DkimKeyType | string; publicKey: string; revoked: boolean; testing: boolean; strictSubdomains: boolean; hashAlgorithms?: string[] }
  | { ok: false; error: DeliverabilityWords };

/** The largest p= Mailroom decodes: a 16384-bit RSA key is about 2,800 characters. */
const MAX_PUBLIC_KEY_LENGTH = 4096;

export function parseDkimRecord(text: string): ParsedDkimRecord {
  const parsed = parseTagList(text, { lowerCaseNames: false });
  if (!parsed.ok) return parsed;
  const { tags, order } = parsed;
  const version = tags.get("v");
  if (version !== undefined && (version !== "DKIM1" || order[0] !== "v")) return { ok: false, error: words("dkimKey.version") };
  const publicKey = tags.get("p");
  if (publicKey === undefined) return { ok: false, error: words("dkimKey.noKey") };
  const compactKey = publicKey.replace(/\s+/g, "");
  const flags = (tags.get("t") ?? "").split(":").map((flag) => flag.trim());
  return {
    ok: true,
    keyType: (tags.get("k") ?? "rsa").toLowerCase(),
    publicKey: compactKey,
    revoked: compactKey === "",
    testing: flags.includes("y"),
    strictSubdomains: flags.includes("s"),
    hashAlgorithms: tags
      .get("h")
      ?.split(":")
      .map((algorithm) => algorithm.trim().toLowerCase()),
  };
}

export type DkimKeyStrength = { ok: true; keyType: "rsa"; bits: number } | { ok: true; keyType: "ed25519"; bits: 256 } | { ok: false; error: DeliverabilityWords };

/** RSA: the modulus length of the SubjectPublicKeyInfo (or bare RSAPublicKey); ed25519: 32 raw bytes. */
export function inspectDkimKey(keyType: string, publicKey: string): DkimKeyStrength {
  if (publicKey.length > MAX_PUBLIC_KEY_LENGTH) return { ok: false, error: words("dkimKey.tooLong") };
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(publicKey)) return { ok: false, error: words("dkimKey.notBase64") };
  const der = Buffer.from(publicKey, "base64");
  if (keyType === "ed25519") {
    return der.length === 32 ? { ok: true, keyType: "ed25519", bits: 256 } : { ok: false, error: words("dkimKey.ed25519Length", { bytes: der.length }) };
  }
  if (keyType !== "rsa") return { ok: false, error: words("dkimKey.unknownType", { keyType }) };
  for (const type of ["spki", "pkcs1"] as const) {
    try {
      const key = createPublicKey({ key: der, format: "der", type });
      const bits = key.asymmetricKeyType === "rsa" ? key.asymmetricKeyDetails?.modulusLength : undefined;
      if (bits !== undefined) return { ok: true, keyType: "rsa", bits };
    } catch {
      // Not this encoding; try the next.
    }
  }
  return { ok: false, error: words("dkimKey.notRsa") };
}

export type DkimStatus = "green" | "amber" | "red" | "unknown";

export interface DkimSelectorCheck {
  selector: string;
  name: string;
  status: DkimStatus;
  /** Plain words for the reader. */
  explanation: DeliverabilityWords;
  record?: string;
  /** The CNAME the name points to, when it is one (SES, SendGrid, Microsoft 365 publish keys this way). */
  cnameTarget?: string;
  keyType?: string;
  bits?: number;
  lookupFailure?: DnsFailureKind;
}

const SELECTOR = /^[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62})(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62}))*$/;

export function isDkimSelector(selector: string): boolean {
  return selector.length <= 200 && SELECTOR.test(selector);
}

/** Looks up one selector's key and grades it: missing, broken or revoked red; RSA 1024 or t=y amber; RSA ≥ 2048 or ed25519 green. */
export async function checkDkimSelector(domain: string, selector: string, dns: DnsLookup): Promise<DkimSelectorCheck> {
  const name = `${selector}._domainkey.${normaliseDomain(domain)}`;
  if (!isDkimSelector(selector)) return { selector, name, status: "red", explanation: words("dkim.badSelector", { selector: selector.slice(0, 40) }) };

  const { answer, cnameTarget } = await txtFollowingCname(name, dns);
  if (!answer.ok) {
    if (isLookupInconclusive(answer.kind)) {
      return { selector, name, status: "unknown", lookupFailure: answer.kind, cnameTarget, explanation: words("dkim.lookupFailed", { name, kind: answer.kind }) };
    }
    const explanation = cnameTarget ? words("dkim.noKeyViaCname", { name, target: cnameTarget }) : words("dkim.noKey", { name });
    return { selector, name, status: "red", lookupFailure: answer.kind, cnameTarget, explanation };
  }
  const keys = answer.records.filter((text) => !text.startsWith("v=") || text.startsWith("v=DKIM1"));
  if (keys.length !== 1) {
    return {
      selector,
      name,
      status: "red",
      cnameTarget,
      explanation: keys.length === 0 ? words("dkim.noDkimTxt", { name }) : words("dkim.severalKeys", { name, count: keys.length }),
    };
  }
  const record = keys[0] ?? "";
  const base = { selector, name, record, cnameTarget };
  const parsed = parseDkimRecord(record);
  if (!parsed.ok) return { ...base, status: "red", explanation: words("dkim.broken", { name, error: parsed.error }) };
  if (parsed.revoked) return { ...base, status: "red", keyType: parsed.keyType, explanation: words("dkim.revoked", { name }) };
  const strength = inspectDkimKey(parsed.keyType, parsed.publicKey);
  if (!strength.ok) return { ...base, status: "red", keyType: parsed.keyType, explanation: words("dkim.unusable", { name, error: strength.error }) };
  const described = strength.keyType === "ed25519" ? words("dkim.ed25519Key") : words("dkim.rsaKey", { bits: strength.bits });
  const graded = { ...base, keyType: strength.keyType, bits: strength.bits };
  if (strength.keyType === "rsa" && strength.bits < 1024) {
    return { ...graded, status: "red", explanation: words("dkim.tooShort", { name, key: described }) };
  }
  if (parsed.testing) {
    return { ...graded, status: "amber", explanation: words("dkim.testing", { name, key: described }) };
  }
  if (strength.keyType === "rsa" && strength.bits < 2048) {
    return { ...graded, status: "amber", explanation: words("dkim.weak", { name, key: described }) };
  }
  return { ...graded, status: "green", explanation: words("dkim.holds", { name, key: described }) };
}

/**
 * A recursive resolver answers a TXT query through CNAMEs itself; some (and some local servers)
 * return only the CNAME, so when the answer is empty we follow it ourselves, a few hops at most.
 */
async function txtFollowingCname(name: string, dns: DnsLookup) {
  let answer = await dns.txt(name);
  let cnameTarget: string | undefined;
  let current = name;
  // A resolver that didn't answer won't answer the CNAME question either.
  if (!answer.ok && isLookupInconclusive(answer.kind)) return { answer, cnameTarget };
  for (let hops = 0; hops < 4; hops += 1) {
    const alias = await dns.cname(current);
    if (!alias.ok || !alias.records[0]) break;
    cnameTarget = normaliseDomain(alias.records[0]);
    if (answer.ok || isLookupInconclusive(answer.kind)) break;
    current = cnameTarget;
    answer = await dns.txt(current);
  }
  return { answer, cnameTarget };
}
