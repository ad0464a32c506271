import type { Metadata } from "next";
import { requireSession } from "@/lib/auth/current-session";
import { readSignedInDevices } from "@/lib/reads/signed-in-devices";
import { SessionList } from "@/components/settings/session-list";

export const metadata: Metadata = { title: "Signed-in devices" };

export default async function SessionsPage() {
  const { email, currentRowId, sessions } = await readSignedInDevices(await requireSession());
  return (
    <div className="mx-auto max-w-3xl p-6">
      <h1 className="text-xl font-semibold">Signed-in devices</h1>
      <p className="mt-1 text-sm text-slate-600">Every browser signed in to {email}. Sign out any you don&apos;t recognise.</p>
      <SessionList currentRowId={currentRowId} sessions={sessions} />
    </div>
  );
}
