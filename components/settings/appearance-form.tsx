"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState, useTransition } from "react";
import { runAction } from "@/components/run-action";
import { Alert } from "@/components/ui/alert";
import { setThemeAction } from "@/lib/actions/appearance";
import type { Theme } from "@/lib/db/schema";

/** Settings → Appearance: the colour scheme, applied at once and remembered for every device. */
export function AppearanceForm({ initial }: { initial: Theme }) {
  const t = useTranslations("settings.appearance");
  const choices: { value: Theme; label: string; hint: string }[] = [
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
      <fieldset className="rounded-xl border border-slate-200 bg-white p-4">
        <legend className="px-1 text-sm font-medium text-slate-700">{t("theme")}</legend>
        <div className="grid gap-2 sm:grid-cols-3">
          {choices.map((choice) => (
            <label
              key={choice.value}
              className="flex min-h-11 cursor-pointer items-start gap-3 rounded-lg border border-slate-200 p-3 has-checked:border-sky-600 has-checked:bg-sky-50"
            >
              <input
                type="radio"
                name="theme"
                value={choice.value}
                checked={theme === choice.value}
                disabled={pending}
                onChange={() => choose(choice.value)}
                className="mt-1 h-4 w-4 accent-sky-700"
              />
              <span>
                <span className="block font-medium text-slate-900">{choice.label}</span>
                <span className="block text-sm text-slate-600">{choice.hint}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      {result === null ? null : result.ok ? <Alert tone="success">{t("saved")}</Alert> : <Alert tone="error">{result.error}</Alert>}
    </div>
  );
}
