// next-intl's request configuration (named in next.config.ts): what getTranslations, getFormatter
// and the root layout's provider use in server components, server actions and route handlers.
import { getRequestConfig } from "next-intl/server";
import { isLocale } from "./locales";
import { loadMessages } from "./messages";
import { resolveRequestLocale, resolveRequestTimeZone } from "./request-locale";

export default getRequestConfig(async ({ locale: requested }) => {
  const locale = isLocale(requested) ? requested : await resolveRequestLocale();
  return { locale, messages: await loadMessages(locale), timeZone: await resolveRequestTimeZone() };
});
