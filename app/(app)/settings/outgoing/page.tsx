import type { Metadata } from "next";
import { Suspense } from "react";
import { OutgoingSettingsSection } from "@/components/settings/outgoing-settings-section";
import { OutgoingSettingsSkeleton } from "@/components/settings/outgoing-settings-skeleton";

export const metadata: Metadata = { title: "Outgoing mail" };

export default function OutgoingSettingsPage() {
  return (
    <div className="mx-auto max-w-3xl p-6">
      <h1 className="text-xl font-semibold">Outgoing mail</h1>
      <p className="mt-1 text-sm text-slate-600">Choose the server your messages are sent through.</p>
      <Suspense fallback={<OutgoingSettingsSkeleton />}>
        <OutgoingSettingsSection />
      </Suspense>
    </div>
  );
}
