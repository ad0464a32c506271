"use client";

import type { ReactNode } from "react";
import { useTranslations } from "next-intl";
import { useListActions } from "./message-list-actions";

const ROW_BUTTON = "rounded-md px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-200 focus-visible:bg-slate-200";

/**
 * A list row with a checkbox and hover actions (shown on hover and while the row has focus, so
 * Tab reaches them; not on narrow windows, where they would cover the row: the checkbox and the
 * selection toolbar do the same there). Its unread and starred state, optimistic changes
 * included, is in `data-unread` / `data-flagged` for the row's marks to follow at once.
 * Outside a list with actions (all-folder search) it is a plain list item.
 */
export function ActionRow({ action, selectLabel, children }: { action: { rowKey: string } | undefined; selectLabel: string; children: ReactNode }) {
  const actions = useListActions();
  const t = useTranslations("messageList.actions");
  if (!actions || !action) return <li>{children}</li>;
  const { rowKey } = action;
  const { unread, flagged } = actions.flags(rowKey);
  const selected = actions.isSelected(rowKey);
  return (
    <li
      data-row-key={rowKey}
      data-unread={unread}
      data-flagged={flagged}
      hidden={actions.isHidden(rowKey)}
      className={`group/row group relative flex items-center ${selected ? "bg-sky-50" : ""}`}
    >
      <input
        type="checkbox"
        aria-label={selectLabel}
        checked={selected}
        onChange={() => undefined}
        onClick={(event) => actions.toggle(rowKey, event.shiftKey)}
        className="mx-3 h-6 w-6 shrink-0 accent-sky-700 md:h-4 md:w-4"
      />
      <div className="min-w-0 flex-1">{children}</div>
      <div className="absolute top-1/2 right-2 hidden -translate-y-1/2 items-center gap-0.5 rounded-md border border-slate-200 bg-white p-0.5 shadow-sm md:group-focus-within:flex md:group-hover:flex">
        <button type="button" className={ROW_BUTTON} onClick={() => actions.act("archive", [rowKey])}>
          {t("archive")}
        </button>
        <button type="button" className={ROW_BUTTON} onClick={() => actions.act("delete", [rowKey])}>
          {t("delete")}
        </button>
        <button type="button" className={ROW_BUTTON} onClick={() => actions.act(flagged ? "unstar" : "star", [rowKey])}>
          {flagged ? t("unstar") : t("star")}
        </button>
        <button type="button" className={ROW_BUTTON} onClick={() => actions.act(unread ? "read" : "unread", [rowKey])}>
          {unread ? t("read") : t("unread")}
        </button>
      </div>
    </li>
  );
}
