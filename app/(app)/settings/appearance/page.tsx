import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { readAppearance } from "@/lib/reads/appearance";
import { readLanguageSetting } from "@/lib/reads/language";
import { AppearanceForm } from "@/components/settings/appearance-form";
import { LanguageForm } from "@/components/settings/language-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("settings");
  return { title: t("appearance.title") };
}

export default async function AppearanceSettingsPage() {
  const theme = await readAppearance();
  const t = await getTranslations("settings.appearance");
  return (
    <div className="mx-auto max-w-3xl p-4 sm:p-6">
      <h1 className="text-xl font-semibold">{t("title")}</h1>
      <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
      <AppearanceForm initial={theme} />
      <LanguageForm initial={await readLanguageSetting()} />
    </div>
  );
}
