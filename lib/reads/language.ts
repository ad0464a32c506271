// Server-only (the server-only package is not installed).
import { cache } from "react";
import { getCurrentSession } from "@/lib/auth/current-session";
import type { LanguageSetting } from "@/lib/i18n/locales";
import { readUserSettings } from "./user-settings";

/**
 * The language setting of this request's user: their choice on Settings → Appearance, or "auto"
 * (the browser's Accept-Language) for a user who never chose and for everyone signed out.
 * Cached per request.
 */
export const readLanguageSetting = cache(async (): Promise<LanguageSetting> => {
  const session = await getCurrentSession();
  if (!session) return "auto";
  return (await readUserSettings(session.userId)).language;
});
