"use client";

import { useTranslations } from "next-intl";
import { useOptimistic, useState, useTransition } from "react";
import { setFolderSubscribedAction } from "@/lib/actions/folders";
import type { ManagedFolder } from "@/lib/mail/imap/folder-admin";
import { FolderIcon } from "@/components/folders/folder-icon";
import { runAction } from "@/components/run-action";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button-class";
import { CreateFolderDialog, DeleteFolderDialog, EmptyFolderDialog, MoveFolderDialog, RenameFolderDialog } from "./folder-manager-dialogs";
import { folderLabel } from "./folder-manager-labels";

type Open =
  { kind: "create" } | { kind: "rename" | "move" | "delete"; folder: ManagedFolder } | { kind: "empty"; folder: ManagedFolder & { specialUse: "\\Trash" | "\\Junk" } } | null;

/** The "Manage folders" list: create, rename, move, delete, subscribe, and empty Trash and Junk. */
export function FolderManager({ folders }: { folders: ManagedFolder[] }) {
  const t = useTranslations("settings.folders");
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const done = (text: string) => {
    setOpen(null);
    setNotice({ tone: "success", text });
  };
  const emptiable = folders.filter((folder): folder is ManagedFolder & { specialUse: "\\Trash" | "\\Junk" } => folder.specialUse === "\\Trash" || folder.specialUse === "\\Junk");

  return (
    <div className="mt-6 space-y-4">
      {notice ? <Alert tone={notice.tone}>{notice.text}</Alert> : null}
      <div className="flex flex-wrap items-center gap-2">
        <button type="button" onClick={() => setOpen({ kind: "create" })} className={buttonClass("primary", "small")}>
          {t("newFolder")}
        </button>
        {emptiable.map((folder) => (
          <button key={folder.path} type="button" disabled={folder.messages === 0} onClick={() => setOpen({ kind: "empty", folder })} className={buttonClass("danger", "small")}>
            {t("empty", { folder: folder.name })}
            {folder.messages === 0 ? <span className="sr-only"> {t("alreadyEmpty")}</span> : null}
          </button>
        ))}
      </div>
      <ul aria-label={t("allFolders")} className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
        {folders.map((folder) => {
          const label = folderLabel(folder);
          const special = folder.specialUse !== null;
          return (
            <li key={folder.path} aria-label={label} className="flex flex-wrap items-center gap-3 px-4 py-2.5 text-sm">
              <div className="flex min-w-0 flex-1 items-center gap-2" style={{ paddingLeft: `${folder.parents.length * 1.25}rem` }}>
                <FolderIcon specialUse={folder.specialUse} />
                <span className="truncate font-medium">{folder.name}</span>
                {special ? <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">{t("special")}</span> : null}
                <span className="text-slate-500">
                  {folder.selectable
                    ? folder.unread > 0
                      ? t("countsWithUnread", { count: folder.messages, unread: folder.unread })
                      : t("counts", { count: folder.messages })
                    : t("holdsNoMail")}
                </span>
              </div>
              <SubscribeToggle folder={folder} label={label} onResult={setNotice} />
              {special ? null : (
                <div className="flex gap-1.5">
                  <button
                    type="button"
                    aria-label={t("renameFolder", { folder: label })}
                    onClick={() => setOpen({ kind: "rename", folder })}
                    className={buttonClass("secondary", "small")}
                  >
                    {t("rename")}
                  </button>
                  <button
                    type="button"
                    aria-label={t("moveFolder", { folder: label })}
                    onClick={() => setOpen({ kind: "move", folder })}
                    className={buttonClass("secondary", "small")}
                  >
                    {t("move")}
                  </button>
                  <button
                    type="button"
                    aria-label={t("deleteFolder", { folder: label })}
                    onClick={() => setOpen({ kind: "delete", folder })}
                    className={buttonClass("danger", "small")}
                  >
                    {t("delete")}
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {open?.kind === "create" ? <CreateFolderDialog folders={folders} onClose={() => setOpen(null)} onDone={done} /> : null}
      {open?.kind === "rename" ? <RenameFolderDialog folder={open.folder} onClose={() => setOpen(null)} onDone={done} /> : null}
      {open?.kind === "move" ? <MoveFolderDialog folder={open.folder} folders={folders} onClose={() => setOpen(null)} onDone={done} /> : null}
      {open?.kind === "delete" ? <DeleteFolderDialog folder={open.folder} onClose={() => setOpen(null)} onDone={done} /> : null}
      {open?.kind === "empty" ? <EmptyFolderDialog folder={open.folder} onClose={() => setOpen(null)} onDone={done} /> : null}
    </div>
  );
}

/** "Subscribed": whether the folder shows in Folders. The box follows the click at once and goes back if the server refuses. */
function SubscribeToggle({ folder, label, onResult }: { folder: ManagedFolder; label: string; onResult: (notice: { tone: "error" | "success"; text: string }) => void }) {
  const t = useTranslations("settings.folders");
  const [subscribed, setSubscribed] = useOptimistic(folder.subscribed);
  const [pending, startTransition] = useTransition();
  const toggle = (wanted: boolean) =>
    startTransition(async () => {
      setSubscribed(wanted);
      const result = await runAction(() => setFolderSubscribedAction({ path: folder.path, subscribed: wanted }));
      onResult(result.ok ? { tone: "success", text: wanted ? t("nowShown", { folder: label }) : t("noLongerShown", { folder: label }) } : { tone: "error", text: result.error });
    });
  return (
    <label className="flex items-center gap-1.5 text-slate-700">
      <input
        type="checkbox"
        aria-label={t("showInFolders", { folder: label })}
        checked={subscribed}
        disabled={pending || folder.specialUse === "\\Inbox"}
        onChange={(event) => toggle(event.target.checked)}
      />
      <span aria-hidden="true">{t("subscribed")}</span>
    </label>
  );
}
