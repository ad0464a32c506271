import { createTranslator, type AbstractIntlMessages } from "next-intl";
import { DEFAULT_LOCALE, type Locale } from "./locales";
import { loadMessages } from "./messages";

/**
 * A translator of one namespace in a given language, without a request: for text made in the
 * background (the send scheduler words a failed send in the default language) and for tests of
 * server code. In a request, use next-intl's getTranslations, which knows the reader's language.
 */
export async function catalogueTranslator<Namespace extends string>(namespace: Namespace, locale: Locale = DEFAULT_LOCALE) {
  const messages = (await loadMessages(locale)) as AbstractIntlMessages;
  return createTranslator({ locale, messages, namespace });
}
