// Server-only (the server-only package is not installed).
import { cache } from "react";
import { getCurrentSession } from "@/lib/auth/current-session";
import type { Theme } from "@/lib/db/schema";
import { readUserSettings } from "./user-settings";

/**
 * The colour scheme of this request's pages: the signed-in user's choice, or "system" for
 * everyone else (the sign-in page follows the device). The root layout renders it on <html>,
 * so the first paint is already in the right scheme. Cached per request.
 */
export const readAppearance = cache(async (): Promise<Theme> => {
  const session = await getCurrentSession();
  if (!session) return "system";
  return (await readUserSettings(session.userId)).theme;
});
