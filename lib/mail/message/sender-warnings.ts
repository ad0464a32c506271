import { domainToUnicode } from "node:url";

/**
 * Warnings about a message's sender, as plain data for the message view:
 * - the display name shows an email address that is not the real one ("PayPal <x@evil.example>"
 *   named "service@paypal.com");
 * - the From domain looks like the domain of someone the reader corresponds with, but isn't:
 *   look-alike characters (Cyrillic/Greek letters, 0 for o, 1 for l), a punycode (xn--) name that
 *   decodes to such a look-alike, or one edit away (Damerau–Levenshtein distance 1).
 */
export type SenderWarning =
  | { kind: "display-name-address"; shownAddress: string; realAddress: string }
  | { kind: "lookalike-domain"; domain: string; displayDomain: string; resembles: string; reason: "confusable-characters" | "one-edit" };

const MAX_DISPLAY_NAME_LENGTH = 512;
const MAX_KNOWN_DOMAINS = 5_000;
const MAX_DOMAIN_LENGTH = 253;
/** Shorter domains are one edit away from too many real ones to be worth a warning. */
const MIN_LENGTH_FOR_EDIT_CHECK = 6;

export function senderWarnings(from: { name?: string; address: string }, knownDomains: readonly string[]): SenderWarning[] {
  const warnings: SenderWarning[] = [];
  const realAddress = from.address.trim();
  const shown = addressesIn(from.name ?? "").find((address) => address.toLowerCase() !== realAddress.toLowerCase());
  if (shown) warnings.push({ kind: "display-name-address", shownAddress: shown, realAddress });
  const domain = realAddress.slice(realAddress.lastIndexOf("@") + 1);
  const lookalike = lookalikeDomain(domain, knownDomains);
  if (lookalike) warnings.push(lookalike);
  return warnings;
}

/** Email-address-like words in a display name (split on spaces and brackets, so the work is linear). */
function addressesIn(name: string): string[] {
  return name
    .slice(0, MAX_DISPLAY_NAME_LENGTH)
    .split(/[\s<>()[\]"',;:]+/)
    .map((word) => word.replace(/^\.+|\.+$/g, ""))
    .filter((word) => {
      const at = word.indexOf("@");
      return at > 0 && at === word.lastIndexOf("@") && word.slice(at + 1).includes(".");
    });
}

/** The known domain the From domain imitates, if any; a domain that is itself known (or a subdomain of one) is fine. */
export function lookalikeDomain(domain: string, knownDomains: readonly string[]): Extract<SenderWarning, { kind: "lookalike-domain" }> | undefined {
  const ascii = normalise(domain);
  if (ascii === "" || ascii.length > MAX_DOMAIN_LENGTH) return undefined;
  const unicode = toUnicode(ascii);
  const known = [
    ...new Set(
      knownDomains
        .slice(0, MAX_KNOWN_DOMAINS)
        .map(normalise)
        .filter((entry) => entry !== "" && entry.length <= MAX_DOMAIN_LENGTH),
    ),
  ];
  if (known.some((entry) => ascii === entry || ascii.endsWith(`.${entry}`))) return undefined;
  const skeleton = skeletonOf(unicode);
  for (const entry of known) {
    const entryUnicode = toUnicode(entry);
    if (skeletonOf(entryUnicode) === skeleton) return { kind: "lookalike-domain", domain: ascii, displayDomain: unicode, resembles: entryUnicode, reason: "confusable-characters" };
  }
  if (unicode.length < MIN_LENGTH_FOR_EDIT_CHECK) return undefined;
  for (const entry of known) {
    const entryUnicode = toUnicode(entry);
    if (entryUnicode.length >= MIN_LENGTH_FOR_EDIT_CHECK && isOneEditApart(unicode, entryUnicode)) {
      return { kind: "lookalike-domain", domain: ascii, displayDomain: unicode, resembles: entryUnicode, reason: "one-edit" };
    }
  }
  return undefined;
}

function normalise(domain: string): string {
  const lower = domain.trim().toLowerCase();
  return lower.endsWith(".") ? lower.slice(0, -1) : lower;
}

/** Punycode labels (xn--) decoded; an undecodable name stays as it is. */
function toUnicode(domain: string): string {
  if (!domain.includes("xn--")) return domain;
  const decoded = domainToUnicode(domain);
  return decoded === "" ? domain : decoded;
}

/**
 * A small confusables map (after Unicode TR39's skeletons, limited to what phishing uses most):
 * Cyrillic and Greek letters that look Latin, and digits that look like letters. Both sides of a
 * comparison go through it, so "paypa1.com", "pаypal.com" (Cyrillic а) and "paypal.com" meet.
 */
const CONFUSABLES: Record<string, string> = {
  // Cyrillic
  а: "a",
  в: "b",
  е: "e",
  ё: "e",
  һ: "h",
  і: "i",
  ї: "i",
  ј: "j",
  к: "k",
  м: "m",
  н: "h",
  о: "o",
  р: "p",
  с: "c",
  т: "t",
  у: "y",
  х: "x",
  ѕ: "s",
  ԁ: "d",
  ԛ: "q",
  ԝ: "w",
  ɡ: "g",
  // Greek
  α: "a",
  β: "b",
  ε: "e",
  η: "n",
  ι: "i",
  κ: "k",
  ν: "v",
  ο: "o",
  ρ: "p",
  τ: "t",
  υ: "u",
  χ: "x",
  // Latin and digits
  ı: "i",
  "1": "l",
  "0": "o",
};

export function skeletonOf(text: string): string {
  let skeleton = "";
  for (const character of text.normalize("NFKC").toLowerCase()) skeleton += CONFUSABLES[character] ?? character;
  // Two letters that read as one: "rn" for "m", "vv" for "w".
  return skeleton.replaceAll("rn", "m").replaceAll("vv", "w");
}

/**
 * Whether two strings are exactly one edit apart in Damerau–Levenshtein terms (one insertion,
 * deletion, substitution, or swap of two neighbours), in linear time: skip the common prefix and
 * suffix, then what is left must be one of those edits.
 */
export function isOneEditApart(left: string, right: string): boolean {
  const a = [...left];
  const b = [...right];
  if (Math.abs(a.length - b.length) > 1 || left === right) return false;
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA -= 1;
    endB -= 1;
  }
  const restA = endA - start;
  const restB = endB - start;
  if (restA + restB <= 2 && Math.max(restA, restB) === 1) return true;
  return restA === 2 && restB === 2 && a[start] === b[start + 1] && a[start + 1] === b[start];
}
