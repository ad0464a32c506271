import type { Metadata } from "next";
import { Suspense } from "react";
import { IdentitySection } from "@/components/settings/identity-section";
import { OutgoingSettingsSkeleton } from "@/components/settings/outgoing-settings-skeleton";

export const metadata: Metadata = { title: "Identities" };

export default function IdentitiesPage() {
  return (
    <div className="mx-auto max-w-3xl p-6">
      <h1 className="text-xl font-semibold">Identities</h1>
      <p className="mt-1 text-sm text-slate-600">The addresses you send from, each with its own name, signature and Reply-To.</p>
      <Suspense fallback={<OutgoingSettingsSkeleton />}>
        <IdentitySection />
      </Suspense>
    </div>
  );
}
