"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import { dismissActionNotice, useActionNotice, type NoticePart } from "./action-notice";
import { folderDisplayName } from "./folder-name";
import { undoLastMessageOperation } from "./message-action-runner";

// How long a notice (and its Undo) stays on screen.
const SHOW_MS = 8000;

/** The notice after an action, in a live region: what was done and Undo (also the `z` key), or why it failed. */
export function UndoToast() {
  const notice = useActionNotice();
  const t = useTranslations("messageList.toast");
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!notice || notice.parts.some((part) => typeof part !== "string" && part.done === "undoing")) return;
    const timer = setTimeout(() => dismissActionNotice(notice.id), notice.failed ? SHOW_MS * 2 : SHOW_MS);
    return () => clearTimeout(timer);
  }, [notice]);

  async function undo() {
    setBusy(true);
    try {
      if (await undoLastMessageOperation()) router.refresh();
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="pointer-events-none fixed inset-x-0 bottom-4 z-40 flex justify-center px-4">
      <div role={notice?.failed ? "alert" : "status"} aria-label={t("label")} aria-live={notice?.failed ? "assertive" : "polite"} className="pointer-events-auto">
        {notice ? (
          <div
            className={`flex items-center gap-4 rounded-lg px-4 py-2.5 text-sm shadow-lg ${notice.failed ? "border border-red-200 bg-red-50 text-red-800" : "bg-slate-900 text-white"}`}
          >
            <span>
              {notice.parts.map((part, index) => (
                <span key={index}>
                  {index > 0 ? " " : null}
                  <NoticeText part={part} />
                </span>
              ))}
            </span>
            {notice.undo.length > 0 ? (
              <button type="button" onClick={undo} disabled={busy} className="rounded-md px-2 py-1 font-semibold text-sky-300 hover:bg-white/10 disabled:opacity-60">
                {t("undo")}
              </button>
            ) : null}
            <button type="button" aria-label={t("dismiss")} onClick={() => dismissActionNotice(notice.id)} className="rounded-md px-1.5 py-0.5 opacity-70 hover:opacity-100">
              ×
            </button>
          </div>
        ) : null}
      </div>
    </div>
  );
}

/** One part of the notice in the reader's language. */
function NoticeText({ part }: { part: NoticePart }) {
  const t = useTranslations("messageList.notice");
  const tFolders = useTranslations("folders");
  if (typeof part === "string") return part;
  switch (part.done) {
    case "archived":
      return t("archived", { count: part.count });
    case "deletedForever":
      return t("deletedForever", { count: part.count });
    case "trashed":
      return t("trashed", { count: part.count });
    case "moved":
      return t("moved", { count: part.count, folder: folderDisplayName(part.folder, tFolders("inbox")) });
    case "copied":
      return t("copied", { count: part.count, folder: folderDisplayName(part.folder, tFolders("inbox")) });
    case "starred":
      return t("starred", { count: part.count });
    case "unstarred":
      return t("unstarred", { count: part.count });
    case "markedRead":
      return t("markedRead", { count: part.count });
    case "markedUnread":
      return t("markedUnread", { count: part.count });
    case "junked":
      return t("junked", { count: part.count });
    case "notJunked":
      return t("notJunked", { count: part.count });
    case "missing":
      return t("missing", { count: part.count });
    case "notChanged":
      return t("notChanged", { count: part.count });
    case "undoneFor":
      return t("undoneFor", { count: part.count });
    case "undoing":
      return t("undoing");
    case "undone":
      return t("undone");
  }
}
