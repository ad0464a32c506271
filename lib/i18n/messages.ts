import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import compile from "icu-minify/compile";
import type { Locale } from "./locales";

/** messages/<locale>/<namespace>.json: one file per namespace, so helpers never edit the same file. */
export const MESSAGES_DIRECTORY = path.join(process.cwd(), "messages");

export type Messages = Record<string, unknown>;

const loaded = new Map<Locale, Promise<Messages>>();

/** Every namespace of a locale's catalogue, merged under its file name: `{ inbox: {...}, settings: {...} }`. */
export async function readMessages(locale: Locale, directory = MESSAGES_DIRECTORY): Promise<Messages> {
  const folder = path.join(directory, locale);
  const files = (await readdir(folder)).filter((file) => file.endsWith(".json")).sort();
  const entries = await Promise.all(files.map(async (file) => [path.basename(file, ".json"), JSON.parse(await readFile(path.join(folder, file), "utf8"))] as const));
  return Object.fromEntries(entries);
}

/**
 * Every ICU message of a catalogue compiled ahead (icu-minify): the app formats with use-intl's
 * format-only formatter (next.config.ts and vitest.config.mts point use-intl/format-message at
 * it), so the browser never downloads the ICU parser (intl-messageformat) to read its own catalogue.
 */
export function compileMessages(messages: Messages): Messages {
  // Through JSON: icu-minify's plural and select branches are null-prototype objects, which React
  // refuses to pass to client components.
  return JSON.parse(JSON.stringify(compileTree(messages))) as Messages;
}

function compileTree(messages: Messages): Messages {
  return Object.fromEntries(Object.entries(messages).map(([key, value]) => [key, typeof value === "string" ? compile(value) : compileTree(value as Messages)]));
}

/** The compiled catalogue of a locale, read once per process in production and on every request in development. */
export function loadMessages(locale: Locale): Promise<Messages> {
  if (process.env.NODE_ENV !== "production") return readMessages(locale).then(compileMessages);
  let messages = loaded.get(locale);
  if (!messages) {
    messages = readMessages(locale).then(compileMessages);
    loaded.set(locale, messages);
  }
  return messages;
}
