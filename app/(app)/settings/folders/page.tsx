import type { Metadata } from "next";
import { Suspense } from "react";
import { FolderManagerSection } from "@/components/settings/folder-manager-section";
import { OutgoingSettingsSkeleton } from "@/components/settings/outgoing-settings-skeleton";

export const metadata: Metadata = { title: "Manage folders" };

export default function FoldersSettingsPage() {
  return (
    <div className="mx-auto max-w-3xl p-6">
      <h1 className="text-xl font-semibold">Manage folders</h1>
      <p className="mt-1 text-sm text-slate-600">
        Create, rename, move and delete folders, and choose which ones show in Folders. Special folders (Inbox, Drafts, Sent, Archive, Junk, Trash) stay where they are.
      </p>
      <Suspense fallback={<OutgoingSettingsSkeleton />}>
        <FolderManagerSection />
      </Suspense>
    </div>
  );
}
