"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { chooseSpecialFolderAction } from "@/lib/actions/folders";
import type { ManagedFolder } from "@/lib/mail/imap/folder-admin";
import { runAction } from "@/components/run-action";
import { Alert } from "@/components/ui/alert";
import { folderLabel } from "./folder-manager-labels";

type Role = "drafts" | "sent" | "archive" | "junk" | "trash";

const ROLES: { role: Role; use: ManagedFolder["specialUse"] }[] = [
  { role: "drafts", use: "\\Drafts" },
  { role: "sent", use: "\\Sent" },
  { role: "archive", use: "\\Archive" },
  { role: "junk", use: "\\Junk" },
  { role: "trash", use: "\\Trash" },
];

/**
 * Settings → Folders → Special folders: which folder Mailroom uses for Drafts, Sent, Archive, Junk
 * and Trash. "Automatic" follows the server's markings (or the usual names); a choice by hand wins,
 * for servers that mark none or mark another.
 */
export function SpecialFolderChoices({ folders, chosen }: { folders: ManagedFolder[]; chosen: Partial<Record<Role, string>> }) {
  const t = useTranslations("settings.folders.specialFolders");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const selectable = folders.filter((folder) => folder.selectable && folder.specialUse !== "\\Inbox");
  return (
    <section aria-labelledby="special-folders-heading" className="mt-8">
      <h2 id="special-folders-heading" className="text-base font-semibold">
        {t("title")}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
      {error ? (
        <div className="mt-3">
          <Alert tone="error">{error}</Alert>
        </div>
      ) : null}
      <div className="mt-3 grid gap-3 sm:grid-cols-2">
        {ROLES.map(({ role, use }) => {
          const current = folders.find((folder) => folder.specialUse === use);
          return (
            <label key={role} className="flex flex-col gap-1 text-sm">
              <span className="font-medium">{t(role)}</span>
              <select
                value={chosen[role] ?? ""}
                disabled={pending}
                onChange={(event) => {
                  const path = event.target.value || null;
                  startTransition(async () => {
                    const result = await runAction(() => chooseSpecialFolderAction({ role, path }));
                    setError(result.ok ? null : result.error);
                    if (result.ok) router.refresh();
                  });
                }}
                className="min-h-11 rounded-md border border-slate-300 bg-white px-2 py-1.5 md:min-h-0"
              >
                <option value="">{chosen[role] === undefined && current ? t("automaticFolder", { folder: folderLabel(current) }) : t("automatic")}</option>
                {selectable.map((folder) => (
                  <option key={folder.path} value={folder.path}>
                    {folderLabel(folder)}
                  </option>
                ))}
              </select>
            </label>
          );
        })}
      </div>
    </section>
  );
}
