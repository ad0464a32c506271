import { DEFAULT_LOCALE, isLocale, type Locale } from "./locales";

/**
 * The best of our locales for a browser's Accept-Language header (RFC 9110 §12.5.4): ranges in
 * order of their q-values (ties keep the browser's order), "de-AT" matches "de", q=0 means "not
 * this one", "*" takes the default. The default when nothing matches or there is no header.
 */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale {
  if (!header) return DEFAULT_LOCALE;
  const ranges = header
    .split(",")
    .slice(0, 50)
    .map((part, position) => {
      const [tag = "", ...params] = part.trim().split(";");
      const qParam = params.map((param) => param.trim()).find((param) => /^q=/i.test(param));
      const q = qParam === undefined ? 1 : Number(qParam.slice(2));
      return { language: tag.trim().toLowerCase().split("-")[0], q: Number.isFinite(q) ? q : 0, position };
    })
    .filter((range) => range.q > 0)
    .sort((a, b) => b.q - a.q || a.position - b.position);
  for (const range of ranges) {
    if (range.language === "*") return DEFAULT_LOCALE;
    if (isLocale(range.language)) return range.language;
  }
  return DEFAULT_LOCALE;
}
