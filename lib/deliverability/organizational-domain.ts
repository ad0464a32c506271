import { normaliseDomain } from "./dns";

/**
 * The organizational domain of RFC 7489 §3.2, by a simple rule instead of the whole Public Suffix
 * List: the last two labels, or the last three when the last two are one of the common two-label
 * public suffixes below. This small list is deliberate (no data file to keep current for the
 * common case); a domain under a suffix missing here gets a too-short organizational domain, which
 * can only make relaxed alignment look stricter than it is, never looser than the two given labels.
 */
const TWO_LABEL_PUBLIC_SUFFIXES = new Set([
  "co.uk",
  "org.uk",
  "me.uk",
  "ltd.uk",
  "plc.uk",
  "ac.uk",
  "gov.uk",
  "com.au",
  "net.au",
  "org.au",
  "edu.au",
  "gov.au",
  "co.nz",
  "org.nz",
  "net.nz",
  "co.jp",
  "ne.jp",
  "or.jp",
  "co.kr",
  "co.in",
  "net.in",
  "org.in",
  "co.za",
  "org.za",
  "com.br",
  "net.br",
  "org.br",
  "com.mx",
  "com.ar",
  "com.tr",
  "com.cn",
  "net.cn",
  "org.cn",
  "com.hk",
  "com.sg",
  "com.tw",
  "co.il",
  "co.id",
  "com.my",
  "com.ph",
  "com.ua",
  "com.pl",
  "co.at",
  "or.at",
]);

export function organizationalDomain(domain: string): string {
  const labels = normaliseDomain(domain).split(".");
  const lastTwo = labels.slice(-2).join(".");
  const take = TWO_LABEL_PUBLIC_SUFFIXES.has(lastTwo) ? 3 : 2;
  return labels.slice(-take).join(".");
}
