"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { database } from "@/lib/db/database";
import { THEMES } from "@/lib/db/schema";
import { setUserTheme } from "@/lib/db/user-settings";
import { sessionAction } from "./session-action";

const themeSchema = z.object({ theme: z.enum(THEMES) });

/** Remembers the colour scheme (System, Light or Dark); every page renders in it from then on. */
export const setThemeAction = sessionAction(themeSchema, async ({ theme }, session) => {
  await setUserTheme(await database(), session.userId, theme);
  revalidatePath("/", "layout");
  return { ok: true, data: { theme } };
});
