import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requireSession } from "@/lib/auth/current-session";
import { readSignedInDevices } from "@/lib/reads/signed-in-devices";
import { SessionList } from "@/components/settings/session-list";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("settings");
  return { title: t("sessions.title") };
}

export default async function SessionsPage() {
  const { email, currentRowId, sessions } = await readSignedInDevices(await requireSession());
  const t = await getTranslations("settings.sessions");
  return (
    <div className="mx-auto max-w-3xl p-6">
      <h1 className="text-xl font-semibold">{t("title")}</h1>
      <p className="mt-1 text-sm text-slate-600">{t("intro", { email })}</p>
      <SessionList currentRowId={currentRowId} sessions={sessions} />
    </div>
  );
}
