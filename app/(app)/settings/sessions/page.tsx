import type { Metadata } from "next";
import { requireSession } from "@/lib/auth/current-session";
import { database } from "@/lib/db/database";
import { listSessionsForUser } from "@/lib/db/sessions";
import { SessionList } from "@/components/settings/session-list";

export const metadata: Metadata = { title: "Signed-in devices" };

export default async function SessionsPage() {
  const session = await requireSession();
  const sessions = await listSessionsForUser(await database(), session.userId);
  return (
    <div className="mx-auto max-w-3xl p-6">
      <h1 className="text-xl font-semibold">Signed-in devices</h1>
      <p className="mt-1 text-sm text-slate-600">Every browser signed in to {session.email}. Sign out any you don't recognise.</p>
      <SessionList
        currentRowId={session.rowId}
        sessions={sessions.map((s) => ({
          rowId: s.id,
          createdAt: s.createdAt.toISOString(),
          lastSeenAt: s.lastSeenAt.toISOString(),
          userAgent: s.userAgent,
          clientAddress: s.clientAddress,
        }))}
      />
    </div>
  );
}
