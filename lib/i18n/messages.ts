import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
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

/** The catalogue of a locale, read once per process in production and on every request in development. */
export function loadMessages(locale: Locale): Promise<Messages> {
  if (process.env.NODE_ENV !== "production") return readMessages(locale);
  let messages = loaded.get(locale);
  if (!messages) {
    messages = readMessages(locale);
    loaded.set(locale, messages);
  }
  return messages;
}
