import { Suspense, type ReactNode } from "react";
import { requireSession } from "@/lib/auth/current-session";
import { TopBar } from "@/components/app-shell/top-bar";
import { FolderNav } from "@/components/folders/folder-nav";
import { FolderNavSkeleton } from "@/components/folders/folder-nav-skeleton";
import { OutboxSection } from "@/components/compose/outbox-section";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const session = await requireSession();
  return (
    <div className="flex h-screen flex-col">
      <TopBar email={session.email} />
      <div className="flex min-h-0 flex-1">
        <aside className="w-60 shrink-0 overflow-y-auto border-r border-slate-200 bg-white/60 p-2">
          <Suspense fallback={null}>
            <OutboxSection />
          </Suspense>
          <Suspense fallback={<FolderNavSkeleton />}>
            <FolderNav />
          </Suspense>
        </aside>
        <main className="min-w-0 flex-1 overflow-y-auto">{children}</main>
      </div>
    </div>
  );
}
