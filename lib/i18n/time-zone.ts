// A pure leaf module shared by the server (reads the cookie) and the browser (writes it).

/** The browser's IANA time zone, written by the browser so the server renders dates in it too. */
export const TIME_ZONE_COOKIE = "mailroom-tz";

/** Dates rendered before the browser told us its zone (the first visit) use UTC until hydration. */
export const FALLBACK_TIME_ZONE = "UTC";

/** The zone when it is one Intl knows, otherwise undefined (a cookie is the client's to forge). */
export function knownTimeZone(value: string | undefined): string | undefined {
  if (!value || value.length > 64) return undefined;
  try {
    return new Intl.DateTimeFormat("en", { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}
