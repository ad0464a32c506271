"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState, useTransition } from "react";
import { runAction } from "@/components/run-action";
import { Alert } from "@/components/ui/alert";
import { ChoiceCards, type Choice } from "@/components/ui/choice-cards";
import { setThemeAction } from "@/lib/actions/appearance";
import type { Theme } from "@/lib/db/schema";

/** Settings → Appearance: the colour scheme, applied at once and remembered for every device. */
export function AppearanceForm({ initial }: { initial: Theme }) {
  const t = useTranslations("settings.appearance");
  const choices: Choice<Theme>[] = [
    { value: "system", label: t("system"), hint: t("systemHint") },
    { value: "light", label: t("light"), hint: t("lightHint") },
    { value: "dark", label: t("dark"), hint: t("darkHint") },
  ];
  const [theme, setTheme] = useState(initial);
  const [result, setResult] = useState<{ ok: true } | { ok: false; error: string } | null>(null);
  const [pending, startTransition] = useTransition();
  // Applied at once; the saved choice reaches every page's <html> from the server from then on.
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  const choose = (next: Theme) => {
    const previous = theme;
    setTheme(next);
    startTransition(async () => {
      const saved = await runAction(() => setThemeAction({ theme: next }));
      if (!saved.ok) setTheme(previous);
      setResult(saved.ok ? { ok: true } : { ok: false, error: saved.error });
    });
  };
  return (
    <div className="mt-6 space-y-4">
      <ChoiceCards legend={t("theme")} name="theme" choices={choices} value={theme} disabled={pending} onChange={choose} />
      {result === null ? null : result.ok ? <Alert tone="success">{t("saved")}</Alert> : <Alert tone="error">{result.error}</Alert>}
    </div>
  );
}
