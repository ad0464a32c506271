"use client";

import { createContext, useContext, type ReactNode } from "react";
import type { Theme } from "@/lib/db/schema";

const ThemeContext = createContext<Theme>("system");

/** Hands the page's colour scheme (as rendered on <html>) to the client parts that need it. */
export function ThemePreference({ theme, children }: { theme: Theme; children: ReactNode }) {
  return <ThemeContext value={theme}>{children}</ThemeContext>;
}

/** The colour scheme the user chose: "system", "light" or "dark". */
export function useThemePreference(): Theme {
  return useContext(ThemeContext);
}
