// Server-only (the server-only package is not installed).
import { cache } from "react";
import { database } from "@/lib/db/database";
import { getUserSettings, type UserSettings } from "@/lib/db/user-settings";

/**
 * The user's settings row, read once per request: the language (next-intl's request config), the
 * colour scheme (root layout) and the reading settings (list and message reads) all come from it,
 * instead of one query each.
 */
export const readUserSettings = cache(async (userId: string): Promise<UserSettings> => getUserSettings(await database(), userId));
