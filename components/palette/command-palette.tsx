"use client";

import { useRouter } from "next/navigation";
import { useId, useMemo, useState, type KeyboardEvent } from "react";
import { useTranslations } from "next-intl";
import { signOutAction } from "@/lib/actions/auth";
import { useFolderDirectory } from "@/components/folders/folder-directory";
import { focusSearch } from "@/components/keyboard/focus-search";
import { messageCommands } from "@/components/messages/message-commands";
import { folderHref } from "@/components/messages/hrefs";
import { runAction } from "@/components/run-action";
import { useSettingsSections } from "@/components/settings/settings-nav";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { matchCommands, type PaletteCommand } from "./palette-match";

const MAX_SHOWN = 50;

/**
 * Ctrl+K / ⌘K: type part of a folder's name to jump there, or of a command to run it. A combobox
 * with its list of options (arrow keys move, Enter runs, Escape closes); focus stays inside and
 * returns where it was.
 */
export function CommandPalette({ onClose, onShowShortcuts }: { onClose: () => void; onShowShortcuts: () => void }) {
  const router = useRouter();
  const t = useTranslations("palette");
  const id = useId();
  const folders = useFolderDirectory();
  const settingsSections = useSettingsSections();
  // What the open list or message can do with its messages now (Archive, Delete, Move to…), read as the palette opens.
  const [forMessages] = useState<PaletteCommand[]>(() =>
    messageCommands().map((command) => ({ id: `message:${command.id}`, label: command.label, group: t("groups.messages"), keywords: command.shortcut, run: command.run })),
  );
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);

  const commands = useMemo<PaletteCommand[]>(
    () => [
      ...forMessages,
      { id: "compose", label: t("compose"), group: t("groups.commands"), keywords: t("composeKeywords"), run: () => router.push("/compose") },
      { id: "search", label: t("search"), group: t("groups.commands"), keywords: t("searchKeywords"), run: () => focusSearch(() => router.push("/mail/INBOX")) },
      { id: "shortcuts", label: t("shortcuts"), group: t("groups.commands"), keywords: t("shortcutsKeywords"), run: onShowShortcuts },
      ...folders.map((folder) => ({ id: `folder:${folder.path}`, label: folder.label, group: t("groups.folders"), run: () => router.push(folderHref(folder.path)) })),
      ...settingsSections.map((section) => ({
        id: `settings:${section.href}`,
        label: t("settings", { section: section.label }),
        group: t("groups.goTo"),
        keywords: t("settingsKeywords"),
        run: () => router.push(section.href),
      })),
      {
        id: "sign-out",
        label: t("signOut"),
        group: t("groups.commands"),
        keywords: t("signOutKeywords"),
        run: () =>
          void runAction(async () => {
            await signOutAction();
            return { ok: true, data: null };
          }),
      },
    ],
    [forMessages, folders, settingsSections, router, onShowShortcuts, t],
  );
  const shown = matchCommands(commands, query).slice(0, MAX_SHOWN);
  const current = Math.min(active, Math.max(0, shown.length - 1));

  const choose = (command: PaletteCommand | undefined) => {
    if (!command) return;
    onClose();
    // After the dialog has closed and given focus back, so the command may move focus itself.
    setTimeout(command.run, 0);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1 };
    if (event.key in moves && shown.length > 0) {
      event.preventDefault();
      setActive((current + moves[event.key]! + shown.length) % shown.length);
    } else if (event.key === "Home" || event.key === "End") {
      event.preventDefault();
      setActive(event.key === "Home" ? 0 : shown.length - 1);
    } else if (event.key === "Enter") {
      event.preventDefault();
      choose(shown[current]);
    }
  };

  return (
    <ModalDialog title={t("title")} onClose={onClose} className="max-w-lg">
      <input
        role="combobox"
        aria-label={t("input")}
        aria-expanded={shown.length > 0}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={shown.length > 0 ? `${id}-${current}` : undefined}
        autoComplete="off"
        spellCheck={false}
        data-autofocus=""
        value={query}
        maxLength={200}
        placeholder={t("input")}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        className="mt-3 block w-full rounded-lg border border-slate-300 px-3 py-2 outline-none focus:border-sky-600 focus:ring-2 focus:ring-sky-200"
      />
      <ul id={`${id}-list`} role="listbox" aria-label={t("list")} className="mt-2 max-h-80 overflow-y-auto">
        {shown.map((command, index) => (
          <li
            key={command.id}
            id={`${id}-${index}`}
            role="option"
            aria-selected={index === current}
            onMouseMove={() => setActive(index)}
            onClick={() => choose(command)}
            className={`flex cursor-pointer items-center justify-between gap-3 rounded-md px-3 py-2 text-sm ${index === current ? "bg-sky-100 text-sky-900" : "text-slate-800"}`}
          >
            <span className="truncate">{command.label}</span>
            <span className="shrink-0 text-xs text-slate-600">{command.group}</span>
          </li>
        ))}
      </ul>
      {shown.length === 0 ? (
        <p role="status" className="px-3 py-2 text-sm text-slate-600">
          {t("nothing", { query })}
        </p>
      ) : null}
    </ModalDialog>
  );
}
