"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { runAction } from "@/components/run-action";
import { Alert } from "@/components/ui/alert";
import { ChoiceCards, type Choice } from "@/components/ui/choice-cards";
import { setLanguageAction } from "@/lib/actions/appearance";
import type { LanguageSetting } from "@/lib/i18n/locales";

/**
 * Settings → Appearance → Language: Automatic (the browser's language), English or Deutsch.
 * Saved for every device; the page re-renders in the new language at once.
 */
export function LanguageForm({ initial }: { initial: LanguageSetting }) {
  const t = useTranslations("settings.language");
  const choices: Choice<LanguageSetting>[] = [
    { value: "auto", label: t("auto"), hint: t("autoHint") },
    // Each language's own name, read out in that language.
    { value: "en", label: t("english"), lang: "en" },
    { value: "de", label: t("german"), lang: "de" },
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
      <ChoiceCards legend={t("legend")} name="language" choices={choices} value={language} disabled={pending} onChange={choose} />
      {result === null ? null : result.ok ? <Alert tone="success">{t("saved")}</Alert> : <Alert tone="error">{result.error}</Alert>}
    </div>
  );
}
