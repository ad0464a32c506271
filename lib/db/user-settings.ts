import { eq } from "drizzle-orm";
import type { LanguageSetting } from "../i18n/locales";
import type { Database } from "./client";
import { DEFAULT_UNDO_SEND_SECONDS, userSettings, type Theme } from "./schema";

export type ReadingSettings = Pick<typeof userSettings.$inferSelect, "markReadOnOpen" | "conversationView" | "undoSendSeconds" | "afterMove">;

export const DEFAULT_SETTINGS: ReadingSettings = { markReadOnOpen: true, conversationView: true, undoSendSeconds: DEFAULT_UNDO_SEND_SECONDS, afterMove: "next" };

export type UserSettings = ReadingSettings & Pick<typeof userSettings.$inferSelect, "theme" | "language">;

/** The user's settings (reading, colour scheme, language), or the defaults for a user who never changed any. */
export async function getUserSettings(db: Database, userId: string): Promise<UserSettings> {
  const [row] = await db
    .select({
      markReadOnOpen: userSettings.markReadOnOpen,
      conversationView: userSettings.conversationView,
      undoSendSeconds: userSettings.undoSendSeconds,
      afterMove: userSettings.afterMove,
      theme: userSettings.theme,
      language: userSettings.language,
    })
    .from(userSettings)
    .where(eq(userSettings.userId, userId))
    .limit(1);
  return row ?? { ...DEFAULT_SETTINGS, theme: "system", language: "auto" };
}

/** Changes some settings, creating the user's row (with defaults for the rest) on first change. */
export async function updateUserSettings(db: Database, userId: string, changes: Partial<ReadingSettings>): Promise<void> {
  await db
    .insert(userSettings)
    .values({ ...DEFAULT_SETTINGS, ...changes, userId })
    .onConflictDoUpdate({ target: userSettings.userId, set: { ...changes, updatedAt: new Date() } });
}

/** Remembers the user's colour scheme, creating their settings row on first change. */
export async function setUserTheme(db: Database, userId: string, theme: Theme): Promise<void> {
  await db
    .insert(userSettings)
    .values({ ...DEFAULT_SETTINGS, theme, userId })
    .onConflictDoUpdate({ target: userSettings.userId, set: { theme, updatedAt: new Date() } });
}

/** The user's language setting ("auto", following the browser, for a user who never chose one). */
export async function getUserLanguage(db: Database, userId: string): Promise<LanguageSetting> {
  const [row] = await db.select({ language: userSettings.language }).from(userSettings).where(eq(userSettings.userId, userId)).limit(1);
  return row?.language ?? "auto";
}

/** Remembers the user's language setting, creating their settings row on first change. */
export async function setUserLanguage(db: Database, userId: string, language: LanguageSetting): Promise<void> {
  await db
    .insert(userSettings)
    .values({ ...DEFAULT_SETTINGS, language, userId })
    .onConflictDoUpdate({ target: userSettings.userId, set: { language, updatedAt: new Date() } });
}
