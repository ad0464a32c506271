"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import { database } from "@/lib/db/database";
import { THEMES } from "@/lib/db/schema";
import { setUserLanguage, setUserTheme } from "@/lib/db/user-settings";
import { localeFromAcceptLanguage } from "@/lib/i18n/accept-language";
import { LANGUAGE_SETTINGS } from "@/lib/i18n/locales";
import { sessionAction } from "./session-action";

const themeSchema = z.object({ theme: z.enum(THEMES) });

/** Remembers the colour scheme (System, Light or Dark); every page renders in it from then on. */
export const setThemeAction = sessionAction(themeSchema, async ({ theme }, session) => {
  await setUserTheme(await database(), session.userId, theme);
  revalidatePath("/", "layout");
  return { ok: true, data: { theme } };
});

const languageSchema = z.object({ language: z.enum(LANGUAGE_SETTINGS) });

/**
 * Remembers the language (Automatic follows the browser's Accept-Language); every page renders in
 * it from then on. Returns the locale it resolves to for this browser, for the page's <html lang>.
 */
export const setLanguageAction = sessionAction(languageSchema, async ({ language }, session) => {
  await setUserLanguage(await database(), session.userId, language);
  revalidatePath("/", "layout");
  const locale = language === "auto" ? localeFromAcceptLanguage((await headers()).get("accept-language")) : language;
  return { ok: true, data: { language, locale } };
});
