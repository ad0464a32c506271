"use client";

import { useEffect, useId, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { folderDisplayName } from "./folder-name";

interface Props {
  /** "Move to folder" or "Copy to folder". */
  title: string;
  folders: string[];
  /** The folder the messages are in: not offered. */
  current: string;
  open: boolean;
  onChoose: (folder: string) => void;
  onClose: () => void;
}

/** A modal list of folders with a search box: type part of a name, pick with a click or Enter. */
export function FolderPickerDialog({ title, folders, current, open, onChoose, onClose }: Props) {
  const t = useTranslations("messageList");
  const inbox = useTranslations("folders")("inbox");
  const dialog = useRef<HTMLDialogElement>(null);
  const [filter, setFilter] = useState("");
  const titleId = useId();
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      setFilter("");
      element.showModal();
    } else if (!open && element.open) element.close();
  }, [open]);
  const needle = filter.trim().toLocaleLowerCase();
  const shown = folders.filter((path) => path !== current && (!needle || folderDisplayName(path, inbox).toLocaleLowerCase().includes(needle)));
  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      onClose={onClose}
      className="m-auto w-full max-w-md rounded-xl border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/30"
    >
      <form
        method="dialog"
        className="flex max-h-[70vh] flex-col gap-3 p-4"
        onSubmit={(event) => {
          event.preventDefault();
          if (shown[0]) onChoose(shown[0]);
        }}
      >
        <h2 id={titleId} className="text-base font-semibold">
          {title}
        </h2>
        <label className="flex flex-col gap-1 text-sm">
          {t("picker.find")}
          <input
            type="search"
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
            autoFocus
            className="rounded-md border border-slate-300 px-2 py-1.5 outline-none focus-visible:ring-2 focus-visible:ring-sky-300"
          />
        </label>
        <ul aria-label={t("picker.folders")} className="min-h-0 flex-1 overflow-y-auto rounded-md border border-slate-100">
          {shown.map((path) => (
            <li key={path}>
              <button type="button" onClick={() => onChoose(path)} className="w-full px-3 py-2 text-left text-sm hover:bg-sky-50 focus-visible:bg-sky-50">
                {folderDisplayName(path, inbox)}
              </button>
            </li>
          ))}
          {shown.length === 0 ? <li className="px-3 py-2 text-sm text-slate-500">{t("picker.none")}</li> : null}
        </ul>
        <div className="flex justify-end">
          <button type="button" onClick={onClose} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100">
            {t("cancel")}
          </button>
        </div>
      </form>
    </dialog>
  );
}
