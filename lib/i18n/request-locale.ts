// Server-only (the server-only package is not installed).
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { readLanguageSetting } from "@/lib/reads/language";
import { localeFromAcceptLanguage } from "./accept-language";
import type { Locale } from "./locales";
import { FALLBACK_TIME_ZONE, knownTimeZone, TIME_ZONE_COOKIE } from "./time-zone";

/** This request's language: the signed-in user's choice, else the browser's Accept-Language, else English. */
export const resolveRequestLocale = cache(async (): Promise<Locale> => {
  const setting = await readLanguageSetting();
  if (setting !== "auto") return setting;
  return localeFromAcceptLanguage((await headers()).get("accept-language"));
});

/** The browser's time zone as its cookie tells (set after the first page), else UTC. */
export const resolveRequestTimeZone = cache(async (): Promise<string> => {
  return knownTimeZone((await cookies()).get(TIME_ZONE_COOKIE)?.value) ?? FALLBACK_TIME_ZONE;
});
