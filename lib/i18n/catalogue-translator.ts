import { createTranslator, type AbstractIntlMessages } from "next-intl";
import { DEFAULT_LOCALE, type Locale } from "./locales";
import { loadMessages } from "./messages";

/**
 * Any key of its namespace (the catalogue test checks literal keys; keys chosen at run time, such
 * as the mail layer's reason codes, are tested where they are made) with its ICU values.
 */
export interface CatalogueTranslator {
  (key: string, values?: Record<string, string | number | Date>): string;
  has(key: string): boolean;
}

/**
 * A translator of one namespace in a given language, without a request: for text made in the
 * background (the send scheduler words a send's outcome in the sender's language) and for tests of
 * server code. In a request, use next-intl's getTranslations, which knows the reader's language.
 */
export async function catalogueTranslator(namespace: string, locale: Locale = DEFAULT_LOCALE): Promise<CatalogueTranslator> {
  const messages = (await loadMessages(locale)) as AbstractIntlMessages;
  const t = createTranslator({ locale, messages, namespace: namespace as never });
  return Object.assign((key: string, values?: Record<string, string | number | Date>) => t(key as never, values as never), { has: (key: string) => t.has(key as never) });
}
