import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { IdentitySection } from "@/components/settings/identity-section";
import { OutgoingSettingsSkeleton } from "@/components/settings/outgoing-settings-skeleton";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("settings");
  return { title: t("identities.title") };
}

export default async function IdentitiesPage() {
  const t = await getTranslations("settings.identities");
  return (
    <div className="mx-auto max-w-3xl p-6">
      <h1 className="text-xl font-semibold">{t("title")}</h1>
      <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
      <Suspense fallback={<OutgoingSettingsSkeleton />}>
        <IdentitySection />
      </Suspense>
    </div>
  );
}
