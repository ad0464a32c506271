"use client";

import type { MessageOperation, SelectionProgress } from "./message-action-runner";

interface Props {
  count: number;
  pageCount: number;
  total: number;
  /** What the rows are: "messages", "conversations" or "results". */
  noun: string;
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
  const busy = progress !== null;
  const where = searching ? "in this search" : "in this folder";
  const actions: [MessageOperation, string][] = [
    ["archive", "Archive"],
    ["delete", inTrash ? "Delete forever" : "Delete"],
    ["move", "Move to…"],
    ["copy", "Copy to…"],
    ["read", "Mark as read"],
    ["unread", "Mark as unread"],
    ["star", "Star"],
    ["unstar", "Unstar"],
    [inJunk ? "notJunk" : "junk", inJunk ? "Not junk" : "Report junk"],
  ];
  return (
    <div role="toolbar" aria-label="Selected messages" className="sticky top-0 z-10 flex flex-col gap-2 border-b border-slate-200 bg-slate-100 px-4 py-2">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="font-medium text-slate-800">{allInFolder ? `All ${total.toLocaleString("en")} ${noun} ${where} selected` : `${count.toLocaleString("en")} selected`}</span>
        {!allInFolder && count < pageCount ? (
          <button type="button" className={BUTTON} onClick={onSelectPage} disabled={busy}>
            Select all {pageCount.toLocaleString("en")} on this page
          </button>
        ) : null}
        {!allInFolder && count === pageCount && total > pageCount ? (
          <button type="button" className={BUTTON} onClick={onSelectAll} disabled={busy}>
            Select all {total.toLocaleString("en")} {noun} {where}
          </button>
        ) : null}
        <button type="button" className={BUTTON} onClick={onClear} disabled={busy}>
          Clear selection
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
          <progress aria-label="Progress" value={progress.done + progress.failed} max={Math.max(progress.total, 1)} className="h-2 flex-1" />
          <span>
            {(progress.done + progress.failed).toLocaleString("en")} of {progress.total.toLocaleString("en")}
          </span>
        </div>
      ) : null}
    </div>
  );
}
