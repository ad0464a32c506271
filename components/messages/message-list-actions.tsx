"use client";

import { useRouter } from "next/navigation";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import { ActionKeys } from "./action-keys";
import { ConfirmDialog } from "./confirm-dialog";
import { FolderPickerDialog } from "./folder-picker-dialog";
import { removesFromFolder, runMessageOperation, runSelectionOperation, undoLastMessageOperation, type MessageOperation, type SelectionProgress } from "./message-action-runner";
import { rememberListOrder } from "./list-order";
import { setMessageCommands } from "./message-commands";
import { SelectionToolbar } from "./selection-toolbar";
import { UndoToast } from "./undo-toast";

/** What the rows of a list are. */
export type ListNoun = "messages" | "conversations" | "results";

/** A row of the list as the actions see it: its messages (a conversation's, in this folder) and state. */
export interface ActionRowInfo {
  key: string;
  folder: string;
  uids: number[];
  href: string;
  unread: boolean;
  flagged: boolean;
}

interface Flags {
  unread: boolean;
  flagged: boolean;
}

interface ListActions {
  isSelected(key: string): boolean;
  isHidden(key: string): boolean;
  flags(key: string): Flags;
  toggle(key: string, range: boolean): void;
  act(operation: MessageOperation, keys: string[]): void;
}

const Context = createContext<ListActions | null>(null);

export function useListActions(): ListActions | null {
  return useContext(Context);
}

interface Props {
  folder: string;
  /** The list's search parameters (empty when not searching). */
  search: [string, string][];
  rows: ActionRowInfo[];
  /** Messages (or conversations) in the folder or search, over all pages. */
  total: number;
  /** What the rows are. */
  noun: ListNoun;
  folders: string[];
  trash: string | null;
  junk: string | null;
  children: ReactNode;
}

/**
 * The list's actions: selection (click, shift-click ranges, the page, the whole folder or search),
 * the selection toolbar, row actions, the action keys, and optimistic changes that roll back with
 * the reason when the server refuses.
 */
export function MessageListActions({ folder, search, rows, total, noun, folders, trash, junk, children }: Props) {
  const router = useRouter();
  const t = useTranslations("messageList");
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [allInFolder, setAllInFolder] = useState(false);
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const [overrides, setOverrides] = useState<Map<string, Partial<Flags>>>(new Map());
  const [picker, setPicker] = useState<{ operation: "move" | "copy"; keys: string[] | null } | null>(null);
  const [confirming, setConfirming] = useState<string[] | null | false>(false);
  const [progress, setProgress] = useState<SelectionProgress | null>(null);
  const anchor = useRef<string | null>(null);
  const byKey = useMemo(() => new Map(rows.map((row) => [row.key, row])), [rows]);
  const inTrash = folder === trash;

  // A fresh list from the server replaces every optimistic change.
  const rowsSignature = rows.map((row) => `${row.key}:${row.unread}:${row.flagged}`).join(",");
  useEffect(() => {
    setHidden(new Set());
    setOverrides(new Map());
    setSelected((previous) => new Set([...previous].filter((key) => rowsSignature.includes(`${key}:`))));
    rememberListOrder(rows.map((row) => row.href));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the signature stands for rows
  }, [rowsSignature]);

  const flags = useCallback(
    (key: string): Flags => {
      const row = byKey.get(key);
      return { unread: row?.unread ?? false, flagged: row?.flagged ?? false, ...overrides.get(key) };
    },
    [byKey, overrides],
  );

  const visibleKeys = rows.map((row) => row.key).filter((key) => !hidden.has(key));

  const toggle = useCallback(
    (key: string, range: boolean) => {
      setAllInFolder(false);
      setSelected((previous) => {
        const next = new Set(previous);
        const on = !previous.has(key);
        const keys = rows.map((row) => row.key);
        const from = range && anchor.current ? keys.indexOf(anchor.current) : -1;
        const span = from >= 0 ? keys.slice(Math.min(from, keys.indexOf(key)), Math.max(from, keys.indexOf(key)) + 1) : [key];
        for (const each of span) {
          if (on) next.add(each);
          else next.delete(each);
        }
        anchor.current = key;
        return next;
      });
    },
    [rows],
  );

  const act = useCallback(
    async (operation: MessageOperation, keys: string[], destination: string | null = null) => {
      const chosen = keys.map((key) => byKey.get(key)).filter((row): row is ActionRowInfo => Boolean(row));
      if (chosen.length === 0) return;
      if ((operation === "move" || operation === "copy") && !destination) {
        setPicker({ operation, keys });
        return;
      }
      if (operation === "delete" && inTrash) {
        setConfirming(keys);
        return;
      }
      const removing = removesFromFolder(operation, folder, junk);
      const flagChange = flagChangeOf(operation);
      if (removing) {
        focusRowAfter(keys);
        setHidden((previous) => new Set([...previous, ...keys]));
      } else if (flagChange) {
        setOverrides((previous) => new Map([...previous, ...keys.map((key) => [key, { ...previous.get(key), ...flagChange }] as const)]));
      }
      setSelected(new Set());
      const targets = groupTargets(chosen);
      const result = await runMessageOperation(operation, targets, destination);
      if (result.ok) {
        router.refresh();
        return;
      }
      // The server refused: everything shows as it was, and the notice says why.
      if (removing) setHidden((previous) => new Set([...previous].filter((key) => !keys.includes(key))));
      if (flagChange) setOverrides((previous) => new Map([...previous].filter(([key]) => !keys.includes(key))));
    },
    [byKey, folder, inTrash, junk, router],
  );

  async function actOnFolder(operation: MessageOperation, destination: string | null = null) {
    if ((operation === "move" || operation === "copy") && !destination) {
      setPicker({ operation, keys: null });
      return;
    }
    if (operation === "delete" && inTrash) {
      setConfirming(null);
      return;
    }
    setProgress({ done: 0, failed: 0, total });
    await runSelectionOperation(operation, { folder, search }, destination, setProgress);
    setProgress(null);
    setAllInFolder(false);
    setSelected(new Set());
    router.refresh();
  }

  function runOnSelection(operation: MessageOperation, destination: string | null = null) {
    if (allInFolder) void actOnFolder(operation, destination);
    else
      void act(
        operation,
        visibleKeys.filter((key) => selected.has(key)),
        destination,
      );
  }

  /** The focused row, or the selection: what a key acts on. */
  function keyTargets(): string[] {
    const selection = visibleKeys.filter((key) => selected.has(key));
    if (selection.length > 0) return selection;
    const focused = (document.activeElement as HTMLElement | null)?.closest?.("[data-row-key]")?.getAttribute("data-row-key");
    return focused && byKey.has(focused) ? [focused] : [];
  }

  function keyAct(operation: MessageOperation) {
    if (allInFolder) return void actOnFolder(operation);
    const keys = keyTargets();
    if (keys.length > 0) void act(operation, keys);
  }

  function starKey() {
    const keys = keyTargets();
    if (keys.length === 0) return;
    void act(keys.every((key) => flags(key).flagged) ? "unstar" : "star", keys);
  }

  const handlers = {
    archive: () => keyAct("archive"),
    delete: () => keyAct("delete"),
    star: starKey,
    read: () => keyAct("read"),
    unread: () => keyAct("unread"),
    move: () => keyAct("move"),
    copy: () => keyAct("copy"),
    junk: () => keyAct(folder === junk ? "notJunk" : "junk"),
    select: () => {
      const focused = (document.activeElement as HTMLElement | null)?.closest?.("[data-row-key]")?.getAttribute("data-row-key");
      if (focused) toggle(focused, false);
    },
    undo: () => void undoLastMessageOperation().then((undone) => undone && router.refresh()),
    selectPage: () => {
      setAllInFolder(false);
      setSelected(new Set(visibleKeys));
    },
    selectNone: () => {
      setAllInFolder(false);
      setSelected(new Set());
    },
  };

  useEffect(() => {
    setMessageCommands([
      { id: "archive", label: t("actions.archive"), shortcut: "e", run: handlers.archive },
      { id: "delete", label: inTrash ? t("actions.deleteForever") : t("actions.delete"), shortcut: "#", run: handlers.delete },
      { id: "star", label: t("actions.starToggle"), shortcut: "s", run: handlers.star },
      { id: "read", label: t("actions.read"), shortcut: "Shift+I", run: handlers.read },
      { id: "unread", label: t("actions.unread"), shortcut: "Shift+U", run: handlers.unread },
      { id: "move", label: t("actions.move"), shortcut: "v", run: handlers.move },
      { id: "copy", label: t("actions.copy"), shortcut: "l", run: handlers.copy },
      { id: "junk", label: folder === junk ? t("actions.notJunk") : t("actions.junk"), shortcut: "!", run: handlers.junk },
      { id: "undo", label: t("actions.undo"), shortcut: "z", run: handlers.undo },
      { id: "select-all", label: t("actions.selectAll"), shortcut: "* a", run: handlers.selectPage },
      { id: "select-none", label: t("actions.selectNone"), shortcut: "* n", run: handlers.selectNone },
    ]);
    return () => setMessageCommands([]);
  });

  const context = useMemo<ListActions>(
    () => ({
      isSelected: (key) => allInFolder || selected.has(key),
      isHidden: (key) => hidden.has(key),
      flags,
      toggle,
      act: (operation, keys) => void act(operation, keys),
    }),
    [act, allInFolder, flags, hidden, selected, toggle],
  );

  const selectedCount = allInFolder ? total : visibleKeys.filter((key) => selected.has(key)).length;
  return (
    <Context.Provider value={context}>
      <ActionKeys handlers={handlers} />
      {selectedCount > 0 || progress ? (
        <SelectionToolbar
          count={selectedCount}
          pageCount={visibleKeys.length}
          total={total}
          noun={noun}
          allInFolder={allInFolder}
          searching={search.length > 0}
          inTrash={inTrash}
          inJunk={folder === junk}
          progress={progress}
          onSelectPage={handlers.selectPage}
          onSelectAll={() => setAllInFolder(true)}
          onClear={handlers.selectNone}
          onAct={(operation) => runOnSelection(operation)}
        />
      ) : null}
      {children}
      <FolderPickerDialog
        title={picker?.operation === "copy" ? t("picker.copyTitle") : t("picker.moveTitle")}
        folders={folders}
        current={folder}
        open={picker !== null}
        onClose={() => setPicker(null)}
        onChoose={(destination) => {
          const chosen = picker;
          setPicker(null);
          if (!chosen) return;
          if (chosen.keys) void act(chosen.operation, chosen.keys, destination);
          else void actOnFolder(chosen.operation, destination);
        }}
      />
      <ConfirmDialog
        open={confirming !== false}
        title={t("confirm.title")}
        text={confirming === null ? t("confirm.all", { total, scope: search.length > 0 ? "search" : "trash" }) : t("confirm.selected")}
        confirmLabel={t("actions.deleteForever")}
        onClose={() => setConfirming(false)}
        onConfirm={() => {
          const keys = confirming;
          setConfirming(false);
          if (keys === null) void actOnFolderConfirmed();
          else if (keys !== false) void actConfirmed(keys);
        }}
      />
      <UndoToast />
    </Context.Provider>
  );

  async function actConfirmed(keys: string[]) {
    const chosen = keys.map((key) => byKey.get(key)).filter((row): row is ActionRowInfo => Boolean(row));
    focusRowAfter(keys);
    setHidden((previous) => new Set([...previous, ...keys]));
    setSelected(new Set());
    const result = await runMessageOperation("delete", groupTargets(chosen));
    if (result.ok) router.refresh();
    else setHidden((previous) => new Set([...previous].filter((key) => !keys.includes(key))));
  }

  async function actOnFolderConfirmed() {
    setProgress({ done: 0, failed: 0, total });
    await runSelectionOperation("delete", { folder, search }, null, setProgress);
    setProgress(null);
    setAllInFolder(false);
    setSelected(new Set());
    router.refresh();
  }
}

function flagChangeOf(operation: MessageOperation): Partial<Flags> | null {
  if (operation === "star" || operation === "unstar") return { flagged: operation === "star" };
  if (operation === "read" || operation === "unread") return { unread: operation === "unread" };
  return null;
}

function groupTargets(rows: ActionRowInfo[]): { folder: string; uids: number[] }[] {
  const byFolder = new Map<string, number[]>();
  for (const row of rows) byFolder.set(row.folder, [...(byFolder.get(row.folder) ?? []), ...row.uids]);
  return [...byFolder].map(([folder, uids]) => ({ folder, uids }));
}

/** Moves focus from rows about to disappear to the next row that stays (or the previous one). */
function focusRowAfter(keys: string[]) {
  const active = (document.activeElement as HTMLElement | null)?.closest?.("[data-row-key]");
  if (!active || !keys.includes(active.getAttribute("data-row-key") ?? "")) return;
  const all = [...document.querySelectorAll<HTMLElement>("[data-row-key]")].filter((row) => !row.hidden);
  const index = all.indexOf(active as HTMLElement);
  const stay = [...all.slice(index + 1), ...all.slice(0, index).reverse()].find((row) => !keys.includes(row.getAttribute("data-row-key") ?? ""));
  stay?.querySelector<HTMLElement>("a[data-message-row]")?.focus();
}
