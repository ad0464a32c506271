import { domainToASCII, domainToUnicode } from "node:url";

/** A host as written (Unicode, for the reader) and in its IDNA form (ASCII, what a browser resolves). */
export interface NamedHost {
  unicode: string;
  ascii: string;
}

// Link text that is an address: optional scheme, a host (no spaces, slashes, colons), optional port and path.
// The host's characters exclude what may follow it, so the pattern is linear on any input.
const ADDRESS_TEXT = /^\s*(?:https?:\/\/)?([^\s/?#:@]+)(?::\d{1,5})?(?:[/?#]\S*)?\s*$/i;
const MAX_ADDRESS_TEXT = 300;
const LABEL = /^[\p{L}\p{N}\p{M}](?:[\p{L}\p{N}\p{M}-]{0,61}[\p{L}\p{N}\p{M}])?$/u;
const TOP_LEVEL = /^(?:\p{L}{2,63}|xn--[a-z0-9-]{1,59})$/iu;

/** The host a link's visible text names ("bank.example", "https://bank.example/login", "pаypal.example"), or null. */
export function hostNamedIn(text: string): NamedHost | null {
  if (text.length > MAX_ADDRESS_TEXT) return null;
  const written = ADDRESS_TEXT.exec(text)?.[1]?.replace(/\.$/, "");
  if (!written) return null;
  const labels = written.split(".");
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label)) || !TOP_LEVEL.test(labels.at(-1)!)) return null;
  const ascii = domainToASCII(written);
  return ascii ? { ascii, unicode: domainToUnicode(ascii) || ascii } : null;
}

const SECOND_LEVEL = new Set(["co", "com", "org", "net", "ac", "gov", "edu", "ne", "or", "go"]);

/** Whether two ASCII hosts belong to the same registrable domain (a close approximation without the public suffix list). */
export function sameSite(a: string, b: string): boolean {
  return registrableDomain(a) === registrableDomain(b);
}

function registrableDomain(host: string): string {
  const labels = host.toLowerCase().replace(/\.$/, "").split(".");
  const keep = labels.length > 2 && labels.at(-1)?.length === 2 && SECOND_LEVEL.has(labels.at(-2) ?? "") ? 3 : 2;
  return labels.slice(-keep).join(".");
}

// Scripts whose letters are told apart in a host label; a letter of any other script counts as "another script".
const SCRIPTS: ReadonlyArray<readonly [string, RegExp]> = [
  ["Latin", /\p{Script=Latin}/u],
  ["Cyrillic", /\p{Script=Cyrillic}/u],
  ["Greek", /\p{Script=Greek}/u],
  ["Armenian", /\p{Script=Armenian}/u],
  ["Cherokee", /\p{Script=Cherokee}/u],
  ["Georgian", /\p{Script=Georgian}/u],
  ["Hebrew", /\p{Script=Hebrew}/u],
  ["Arabic", /\p{Script=Arabic}/u],
  ["Han", /\p{Script=Han}/u],
  ["Hiragana", /\p{Script=Hiragana}/u],
  ["Katakana", /\p{Script=Katakana}/u],
  ["Hangul", /\p{Script=Hangul}/u],
  ["Bopomofo", /\p{Script=Bopomofo}/u],
];
const LETTER = /\p{L}/u;
// Unicode TS 39 ("highly restrictive"): Chinese, Japanese and Korean names mix these, and Latin with them.
const EAST_ASIAN = new Set(["Han", "Hiragana", "Katakana", "Hangul", "Bopomofo"]);

/** The scripts of a label's letters, when they mix in a way real names do not (Latin with Cyrillic or Greek, ...); else null. */
export function mixedScripts(label: string): string[] | null {
  const found = new Set<string>();
  for (const character of label) {
    if (!LETTER.test(character)) continue;
    found.add(SCRIPTS.find(([, pattern]) => pattern.test(character))?.[0] ?? "another script");
  }
  const scripts = [...found];
  const foreign = scripts.filter((script) => script !== "Latin" && !EAST_ASIAN.has(script));
  if (scripts.length < 2 || (foreign.length === 0 && !(found.has("Hangul") && (found.has("Hiragana") || found.has("Katakana"))))) return null;
  return scripts;
}

/**
 * The words of a deceptive link's warning, in the reader's language (lib/mail has no text of its
 * own: the reads word them). Plain data, as it crosses to the render worker: each template keeps
 * its placeholders, filled here in one pass: `{actual}` the host the link goes to, `{shown}` the one
 * its text names, `{scripts}` the alphabets a name mixes, named and listed in `locale` by Intl.
 */
export interface LinkWarningWords {
  locale: string;
  /** "This link goes to {actual}, not {shown}" */
  otherSite: string;
  /** "This link goes to {actual}, whose name mixes {scripts} letters: it may imitate another site" */
  mixedScripts: string;
}

// ISO 15924 codes of the scripts told apart above, for Intl.DisplayNames; Zzzz is "unknown script".
const SCRIPT_CODES: Record<string, string> = {
  Latin: "Latn",
  Cyrillic: "Cyrl",
  Greek: "Grek",
  Armenian: "Armn",
  Cherokee: "Cher",
  Georgian: "Geor",
  Hebrew: "Hebr",
  Arabic: "Arab",
  Han: "Hani",
  Hiragana: "Hira",
  Katakana: "Kana",
  Hangul: "Hang",
  Bopomofo: "Bopo",
};

function scriptList(scripts: string[], locale: string): string {
  const names = new Intl.DisplayNames([locale], { type: "script", fallback: "code" });
  return new Intl.ListFormat(locale, { type: "conjunction" }).format(scripts.map((script) => names.of(SCRIPT_CODES[script] ?? "Zzzz") ?? script));
}

function filled(template: string, values: Record<string, string>): string {
  return template.replace(/\{(actual|shown|scripts)\}/g, (placeholder, name: string) => values[name] ?? placeholder);
}

/**
 * Why a link's text misleads about where it goes, worded with `words`, or null: the text names a
 * site other than the link's (compared in IDNA form, so "paypal.com" linking to xn--pypal-4ve.com is
 * caught), or the host it names or goes to mixes alphabets in one label (a Cyrillic "а" in "pаypal.example").
 */
export function deceptiveLinkWarning(text: string, href: URL, words: LinkWarningWords): string | null {
  if (href.protocol !== "http:" && href.protocol !== "https:") return null;
  const shown = hostNamedIn(text);
  if (!shown) return null;
  const actual = href.hostname.toLowerCase();
  const actualUnicode = domainToUnicode(actual) || actual;
  const actualName = actualUnicode === actual ? actual : `${actualUnicode} (${actual})`;
  if (!sameSite(shown.ascii, actual)) return filled(words.otherSite, { actual: actualName, shown: shown.unicode });
  for (const host of new Set([shown.unicode, actualUnicode])) {
    const scripts = host.split(".").map(mixedScripts).find(Boolean);
    if (scripts) return filled(words.mixedScripts, { actual: actualName, scripts: scriptList(scripts, words.locale) });
  }
  return null;
}
