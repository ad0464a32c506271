"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { runAction } from "@/components/run-action";
import { Alert } from "@/components/ui/alert";
import { setLanguageAction } from "@/lib/actions/appearance";
import type { LanguageSetting } from "@/lib/i18n/locales";

/**
 * Settings → Appearance → Language: Automatic (the browser's language), English or Deutsch.
 * Saved for every device; the page re-renders in the new language at once.
 */
export function LanguageForm({ initial }: { initial: LanguageSetting }) {
  const t = useTranslations("settings.language");
  const choices: { value: LanguageSetting; label: string; hint?: string }[] = [
    { value: "auto", label: t("auto"), hint: t("autoHint") },
    { value: "en", label: t("english") },
    { value: "de", label: t("german") },
  ];
  const [language, setLanguage] = useState(initial);
  const [result, setResult] = useState<{ ok: true } | { ok: false; error: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const choose = (next: LanguageSetting) => {
    const previous = language;
    setLanguage(next);
    startTransition(async () => {
      const saved = await runAction(() => setLanguageAction({ language: next }));
      if (saved.ok) document.documentElement.lang = saved.data.locale;
      else setLanguage(previous);
      setResult(saved.ok ? { ok: true } : { ok: false, error: saved.error });
    });
  };
  return (
    <div className="mt-6 space-y-4">
      <fieldset className="rounded-xl border border-slate-200 bg-white p-4">
        <legend className="px-1 text-sm font-medium text-slate-700">{t("legend")}</legend>
        <div className="grid gap-2 sm:grid-cols-3">
          {choices.map((choice) => (
            <label
              key={choice.value}
              className="flex min-h-11 cursor-pointer items-start gap-3 rounded-lg border border-slate-200 p-3 has-checked:border-sky-600 has-checked:bg-sky-50"
            >
              <input
                type="radio"
                name="language"
                value={choice.value}
                checked={language === choice.value}
                disabled={pending}
                onChange={() => choose(choice.value)}
                className="mt-1 h-4 w-4 accent-sky-700"
              />
              <span>
                <span className="block font-medium text-slate-900" lang={choice.value === "auto" ? undefined : choice.value}>
                  {choice.label}
                </span>
                {choice.hint ? <span className="block text-sm text-slate-600">{choice.hint}</span> : null}
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      {result === null ? null : result.ok ? <Alert tone="success">{t("saved")}</Alert> : <Alert tone="error">{result.error}</Alert>}
    </div>
  );
}
