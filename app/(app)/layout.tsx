import { getTranslations } from "next-intl/server";
import { Suspense, type ReactNode } from "react";
import { requireSession } from "@/lib/auth/current-session";
import { TopBar } from "@/components/app-shell/top-bar";
import { FolderDrawer, FolderDrawerProvider } from "@/components/app-shell/folder-drawer";
import { FolderNav } from "@/components/folders/folder-nav";
import { FolderNavSkeleton } from "@/components/folders/folder-nav-skeleton";
import { KeyboardShortcuts } from "@/components/keyboard/shortcuts";
import { OutboxSection } from "@/components/compose/outbox-section";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const session = await requireSession();
  const t = await getTranslations("shell");
  return (
    <FolderDrawerProvider>
      <div className="flex h-dvh flex-col">
        <a
          href="#messages"
          className="sr-only rounded-md bg-white px-4 py-3 font-medium text-sky-800 shadow-lg focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50"
        >
          {t("skipToMessages")}
        </a>
        <TopBar email={session.email} />
        <KeyboardShortcuts />
        <div className="flex min-h-0 flex-1">
          <FolderDrawer>
            <Suspense fallback={null}>
              <OutboxSection />
            </Suspense>
            <Suspense fallback={<FolderNavSkeleton />}>
              <FolderNav />
            </Suspense>
          </FolderDrawer>
          <main id="messages" tabIndex={-1} className="min-w-0 flex-1 overflow-y-auto focus:outline-none">
            {children}
          </main>
        </div>
      </div>
    </FolderDrawerProvider>
  );
}
