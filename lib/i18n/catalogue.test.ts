import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { icuArguments } from "./guard/icu-arguments";
import { findSchemaMessages, findSentences, findTranslationKeys, findUiLiterals } from "./guard/source-scan";
import { LOCALES } from "./locales";
import { MESSAGES_DIRECTORY, readMessages, type Messages } from "./messages";

const ROOT = path.resolve(import.meta.dirname, "../..");

/**
 * Directories (from the project root) whose components must hold no user-facing literal. ONE list:
 * it grew directory by directory as each was converted to translation keys, and now covers all of
 * app/ and components/.
 */
const LITERAL_FREE_DIRECTORIES = ["app", "components"];

/**
 * Directories whose zod schemas give catalogue keys, not English, as their checks' messages: the
 * server actions word them in the reader's language (lib/actions/validation-issue.ts).
 */
const SCHEMA_KEY_DIRECTORIES = ["lib/actions"];

/**
 * Directories below the actions that give reason codes (or words through a translator), never an
 * English sentence for the reader: log and developer text (console.*, super(), new Error()) aside.
 */
const SENTENCE_FREE_DIRECTORIES = ["lib/deliverability", "lib/mail", "lib/outgoing", "lib/uploads"];

/** Directories whose t("key") calls must name keys that exist. */
const KEY_CHECKED_DIRECTORIES = ["app", "components", "lib"];

/**
 * Text that is the same in every language, so it stays in the source. Keep it short; each entry
 * says why it is not translated.
 */
const ALLOWED_LITERALS: Record<string, string> = {
  Mailroom: "the product's name",
  Ctrl: "a key's name as printed on keyboards",
  Shift: "a key's name as printed on keyboards",
  Alt: "a key's name as printed on keyboards",
  Esc: "a key's name as printed on keyboards",
  Enter: "a key's name as printed on keyboards",
  Tab: "a key's name as printed on keyboards",
  STARTTLS: "a protocol's name",
};

function sourceFiles(directory: string): string[] {
  return readdirSync(path.join(ROOT, directory), { recursive: true, encoding: "utf8" })
    .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file) && !file.endsWith(".d.ts"))
    .map((file) => path.join(directory, file))
    .filter((file) => statSync(path.join(ROOT, file)).isFile())
    .sort();
}

/** "a.b.c" → the string at messages.a.b.c, or undefined. */
function messageAt(messages: Messages, dottedPath: string): unknown {
  return dottedPath.split(".").reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined), messages);
}

/** Every leaf of a catalogue as [dotted key, text]; anything but a string or an object is an error. */
function leaves(node: unknown, prefix = ""): [string, string][] {
  if (typeof node === "string") return [[prefix, node]];
  if (node && typeof node === "object" && !Array.isArray(node)) {
    return Object.entries(node).flatMap(([key, child]) => leaves(child, prefix ? `${prefix}.${key}` : key));
  }
  throw new Error(`${prefix} is neither text nor a group of keys`);
}

const englishCatalogue = await readMessages("en");
const english = new Map(leaves(englishCatalogue));
const german = new Map(leaves(await readMessages("de")));

describe("the message catalogues", () => {
  it("have the same namespaces (files) in every language", () => {
    const files = LOCALES.map((locale) => readdirSync(path.join(MESSAGES_DIRECTORY, locale)).sort());
    for (const list of files) expect(list).toEqual(files[0]);
  });

  it("have every English key in German and every German key in English", () => {
    expect([...english.keys()].filter((key) => !german.has(key))).toEqual([]);
    expect([...german.keys()].filter((key) => !english.has(key))).toEqual([]);
    expect(english.size).toBeGreaterThan(0);
  });

  it("give each key the same ICU arguments in both languages", () => {
    const different = [...english]
      .filter(([key, text]) => german.has(key) && icuArguments(text).join() !== icuArguments(german.get(key) ?? "").join())
      .map(([key, text]) => `${key}: en ${icuArguments(text).join(" ")} / de ${icuArguments(german.get(key) ?? "").join(" ")}`);
    expect(different).toEqual([]);
  });

  it("have no empty text", () => {
    expect([...english, ...german].filter(([, text]) => text.trim() === "").map(([key]) => key)).toEqual([]);
  });
});

describe("the source", () => {
  const keyFiles = KEY_CHECKED_DIRECTORIES.flatMap(sourceFiles);

  // Parsing every file of app/, components/ and lib/ takes seconds on a busy machine: a generous bound, not a timing check.
  it("names only keys that exist in its translator's namespace", { timeout: 120_000 }, () => {
    const sources = keyFiles.map((file) => ({ file, source: readFileSync(path.join(ROOT, file), "utf8") }));
    // Only a file that asks for a translator can name keys (a cheap test before parsing).
    const missing = sources
      .filter(({ source }) => source.includes("Translations"))
      .flatMap(({ file, source }) =>
        findTranslationKeys(file, source)
          .map((use) => ({ ...use, fullKey: use.namespace ? `${use.namespace}.${use.key}` : use.key }))
          .filter((use) => typeof messageAt(englishCatalogue, use.fullKey) !== "string")
          .map((use) => `${file}:${use.line} ${use.fullKey}`),
      );
    expect(missing).toEqual([]);
  });

  it(`has no user-facing text outside the message files in ${LITERAL_FREE_DIRECTORIES.join(", ")}`, { timeout: 120_000 }, () => {
    const allowed = new Set(Object.keys(ALLOWED_LITERALS));
    const literals = LITERAL_FREE_DIRECTORIES.flatMap(sourceFiles).flatMap((file) =>
      findUiLiterals(file, readFileSync(path.join(ROOT, file), "utf8"), allowed).map((literal) => `${file}:${literal.line} ${literal.text}`),
    );
    expect(literals).toEqual([]);
  });

  it(`gives zod checks catalogue keys, not sentences, in ${SCHEMA_KEY_DIRECTORIES.join(", ")}`, { timeout: 120_000 }, () => {
    const sentences = SCHEMA_KEY_DIRECTORIES.flatMap(sourceFiles).flatMap((file) =>
      findSchemaMessages(file, readFileSync(path.join(ROOT, file), "utf8"))
        .filter((message) => typeof messageAt(englishCatalogue, message.text) !== "string")
        .map((message) => `${file}:${message.line} ${message.text}`),
    );
    expect(sentences).toEqual([]);
  });

  it(`has no English sentence for the reader in ${SENTENCE_FREE_DIRECTORIES.join(", ")}`, { timeout: 120_000 }, () => {
    const sentences = SENTENCE_FREE_DIRECTORIES.flatMap(sourceFiles).flatMap((file) =>
      findSentences(file, readFileSync(path.join(ROOT, file), "utf8")).map((sentence) => `${file}:${sentence.line} ${sentence.text}`),
    );
    expect(sentences).toEqual([]);
  });
});
