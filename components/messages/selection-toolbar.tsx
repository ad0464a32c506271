"use client";

import { useTranslations } from "next-intl";
import type { MessageOperation, SelectionProgress } from "./message-action-runner";
import type { ListNoun } from "./message-list-actions";

interface Props {
  count: number;
  pageCount: number;
  total: number;
  /** What the rows are. */
  noun: ListNoun;
  allInFolder: boolean;
  searching: boolean;
  inTrash: boolean;
  inJunk: boolean;
  /** While a folder-wide action runs. */
  progress: SelectionProgress | null;
  onSelectPage: () => void;
  onSelectAll: () => void;
  onClear: () => void;
  onAct: (operation: MessageOperation) => void;
}

const BUTTON = "rounded-md px-2.5 py-1 text-sm font-medium text-slate-700 hover:bg-slate-200 disabled:opacity-50";

/** Above the list while anything is selected: what is selected, how to widen it, and the actions. */
export function SelectionToolbar({ count, pageCount, total, noun, allInFolder, searching, inTrash, inJunk, progress, onSelectPage, onSelectAll, onClear, onAct }: Props) {
  const t = useTranslations("messageList");
  const busy = progress !== null;
  const where = searching ? "search" : "folder";
  const actions: [MessageOperation, string][] = [
    ["archive", t("actions.archive")],
    ["delete", inTrash ? t("actions.deleteForever") : t("actions.delete")],
    ["move", t("actions.move")],
    ["copy", t("actions.copy")],
    ["read", t("actions.read")],
    ["unread", t("actions.unread")],
    ["star", t("actions.star")],
    ["unstar", t("actions.unstar")],
    [inJunk ? "notJunk" : "junk", inJunk ? t("actions.notJunk") : t("actions.junk")],
  ];
  return (
    <div role="toolbar" aria-label={t("selection.label")} className="sticky top-0 z-10 flex flex-col gap-2 border-b border-slate-200 bg-slate-100 px-4 py-2">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="font-medium text-slate-800">{allInFolder ? t("selection.all", { total, noun, where }) : t("selection.count", { count })}</span>
        {!allInFolder && count < pageCount ? (
          <button type="button" className={BUTTON} onClick={onSelectPage} disabled={busy}>
            {t("selection.selectPage", { count: pageCount })}
          </button>
        ) : null}
        {!allInFolder && count === pageCount && total > pageCount ? (
          <button type="button" className={BUTTON} onClick={onSelectAll} disabled={busy}>
            {t("selection.selectAll", { total, noun, where })}
          </button>
        ) : null}
        <button type="button" className={BUTTON} onClick={onClear} disabled={busy}>
          {t("selection.clear")}
        </button>
      </div>
      <div className="flex flex-wrap items-center gap-1">
        {actions.map(([operation, label]) => (
          <button key={operation} type="button" className={BUTTON} onClick={() => onAct(operation)} disabled={busy}>
            {label}
          </button>
        ))}
      </div>
      {progress ? (
        <div className="flex items-center gap-3 text-sm text-slate-700">
          <progress aria-label={t("selection.progress")} value={progress.done + progress.failed} max={Math.max(progress.total, 1)} className="h-2 flex-1" />
          <span>{t("selection.progressCount", { done: progress.done + progress.failed, total: progress.total })}</span>
        </div>
      ) : null}
    </div>
  );
}
