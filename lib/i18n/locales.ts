// A pure leaf module: the database schema, the server and the browser all import it.

/** The languages Mailroom speaks. */
export const LOCALES = ["en", "de"] as const;
export type Locale = (typeof LOCALES)[number];

/** The language for anyone whose browser asks for none of ours. */
export const DEFAULT_LOCALE: Locale = "en";

/** A user's language setting: "auto" follows the browser's Accept-Language. */
export const LANGUAGE_SETTINGS = ["auto", ...LOCALES] as const;
export type LanguageSetting = (typeof LANGUAGE_SETTINGS)[number];

export function isLocale(value: string | undefined): value is Locale {
  return (LOCALES as readonly (string | undefined)[]).includes(value);
}
