"use client";

import { NextIntlClientProvider, useTranslations, type AbstractIntlMessages } from "next-intl";
import { useEffect, useSyncExternalStore, type ReactNode } from "react";
import { wordServerUnreachable } from "@/components/run-action";
import { TIME_ZONE_COOKIE } from "@/lib/i18n/time-zone";

const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

// The browser's zone does not change while a page is open.
function subscribeToNothing(): () => void {
  return () => undefined;
}

/** Gives runAction's "couldn't reach the server" the page's language: a failed call has no server to word it. */
function ServerUnreachableWording() {
  const t = useTranslations("errors");
  const text = t("serverUnreachable");
  useEffect(() => wordServerUnreachable(text), [text]);
  return null;
}

/**
 * The translations and formats of the page for client components. Dates are rendered on the server
 * in the zone the browser's cookie named (UTC before the first visit set it); hydration keeps that
 * zone, and right after it client components re-render in the browser's own zone: never a
 * hydration mismatch, and from the second page on the server already rendered the right one.
 */
export function IntlProvider({ locale, messages, serverTimeZone, children }: { locale: string; messages: AbstractIntlMessages; serverTimeZone: string; children: ReactNode }) {
  const timeZone = useSyncExternalStore(subscribeToNothing, browserTimeZone, () => serverTimeZone);
  useEffect(() => {
    if (timeZone !== serverTimeZone) {
      document.cookie = `${TIME_ZONE_COOKIE}=${encodeURIComponent(timeZone)}; Path=/; Max-Age=${ONE_YEAR_SECONDS}; SameSite=Lax`;
    }
  }, [timeZone, serverTimeZone]);
  return (
    <NextIntlClientProvider locale={locale} messages={messages} timeZone={timeZone}>
      <ServerUnreachableWording />
      {children}
    </NextIntlClientProvider>
  );
}
