// next-intl/server for tests that run server code outside Next.js, where there is no request to
// take a language from (vitest.config.mts points the import here): the default language, English,
// as a request without any preference gets.
import { createFormatter } from "next-intl";
import { catalogueTranslator } from "@/lib/i18n/catalogue-translator";
import { DEFAULT_LOCALE } from "@/lib/i18n/locales";

export function getTranslations(namespace: string) {
  return catalogueTranslator(namespace);
}

export async function getFormatter() {
  return createFormatter({ locale: DEFAULT_LOCALE, timeZone: "UTC" });
}

export async function getLocale() {
  return DEFAULT_LOCALE;
}
