"use client";

import { useTranslations } from "next-intl";
import { buttonClass } from "@/components/ui/button-class";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { useShortcutGroups } from "./shortcut-list";

/** The "?" sheet: every shortcut, grouped. */
export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const t = useTranslations("keyboard");
  const groups = useShortcutGroups();
  return (
    <ModalDialog title={t("title")} description={t("description")} onClose={onClose} className="max-w-2xl">
      <div className="mt-4 grid gap-6 sm:grid-cols-2">
        {groups.map((group) => (
          <section key={group.title} aria-label={group.title}>
            <h3 className="mb-2 text-sm font-semibold text-slate-700">{group.title}</h3>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
              {group.shortcuts.map((shortcut) => (
                <div key={shortcut.does} className="contents">
                  <dt className="flex gap-1">
                    {shortcut.keys.map((key, index) => (
                      <kbd key={index} className="min-w-6 rounded border border-slate-300 bg-slate-50 px-1.5 text-center font-mono text-xs leading-5">
                        {key}
                      </kbd>
                    ))}
                  </dt>
                  <dd className="text-slate-700">{shortcut.does}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
      <div className="mt-5 flex justify-end">
        <button type="button" data-autofocus="" onClick={onClose} className={buttonClass("secondary")}>
          {t("close")}
        </button>
      </div>
    </ModalDialog>
  );
}
