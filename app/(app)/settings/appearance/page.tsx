import type { Metadata } from "next";
import { readAppearance } from "@/lib/reads/appearance";
import { AppearanceForm } from "@/components/settings/appearance-form";

export const metadata: Metadata = { title: "Appearance" };

export default async function AppearanceSettingsPage() {
  const theme = await readAppearance();
  return (
    <div className="mx-auto max-w-3xl p-4 sm:p-6">
      <h1 className="text-xl font-semibold">Appearance</h1>
      <p className="mt-1 text-sm text-slate-600">Choose how Mailroom looks on every device you sign in on.</p>
      <AppearanceForm initial={theme} />
    </div>
  );
}
