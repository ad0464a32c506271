"use client";

import { useRouter } from "next/navigation";
import { createContext, useCallback, useContext, useEffect, useState, type DragEvent, type ReactNode } from "react";
import { runMessageOperation } from "@/components/messages/message-action-runner";

/** The drag data type of messages being dragged onto a folder. */
const MESSAGE_DRAG_TYPE = "application/x-mailroom-messages";
const MAX_DRAGGED = 1000;

interface Target {
  folder: string;
  uids: number[];
}

/** A message row's folder and UID, from its link (/mail/<encoded folder>/<uid>?…). */
function rowTarget(row: HTMLAnchorElement): Target | null {
  const match = /^\/mail\/([^/]+)\/(\d+)$/.exec(new URL(row.href, location.href).pathname);
  if (!match) return null;
  try {
    return { folder: decodeURIComponent(match[1]!), uids: [Number(match[2])] };
  } catch {
    return null;
  }
}

/**
 * What a drag of this row carries. A row may name its messages itself in `data-message-targets`
 * (JSON [{ folder, uids }], for a conversation or a selection it belongs to); otherwise the
 * row's own message is dragged.
 */
function draggedTargets(row: HTMLAnchorElement): Target[] {
  const named = row.dataset.messageTargets;
  if (named) {
    try {
      const parsed = JSON.parse(named) as Target[];
      const valid = parsed.filter((target) => typeof target.folder === "string" && Array.isArray(target.uids) && target.uids.every(Number.isInteger));
      if (valid.length > 0) return valid;
    } catch {
      // fall back to the row's own message
    }
  }
  const own = rowTarget(row);
  return own ? [own] : [];
}

function countOf(targets: Target[]): number {
  return targets.reduce((sum, target) => sum + target.uids.length, 0);
}

/** A row that is part of the list's selection (its checkbox ticked) drags the whole selection on the page. */
function selectionTargets(row: HTMLAnchorElement): Target[] | null {
  const item = row.closest("li[data-row-key]");
  if (!item?.querySelector<HTMLInputElement>(":scope > input[type=checkbox]")?.checked) return null;
  const byFolder = new Map<string, number[]>();
  for (const selected of item.parentElement?.querySelectorAll<HTMLElement>(":scope > li[data-row-key]") ?? []) {
    if (!selected.querySelector<HTMLInputElement>(":scope > input[type=checkbox]")?.checked) continue;
    const link = selected.querySelector<HTMLAnchorElement>("a[data-message-row]");
    for (const target of link ? draggedTargets(link) : []) byFolder.set(target.folder, [...(byFolder.get(target.folder) ?? []), ...target.uids]);
  }
  return [...byFolder].map(([folder, uids]) => ({ folder, uids }));
}

/** Message rows (links marked data-message-row) carry their messages when dragged, wherever the list is. */
function useMessageDragSource() {
  useEffect(() => {
    const onDragStart = (event: globalThis.DragEvent) => {
      const row = (event.target as Element | null)?.closest?.<HTMLAnchorElement>("a[data-message-row]");
      if (!row || !event.dataTransfer) return;
      const targets = selectionTargets(row) ?? draggedTargets(row);
      if (targets.length === 0 || countOf(targets) > MAX_DRAGGED) return;
      event.dataTransfer.setData(MESSAGE_DRAG_TYPE, JSON.stringify(targets));
      event.dataTransfer.effectAllowed = "move";
    };
    document.addEventListener("dragstart", onDragStart);
    return () => document.removeEventListener("dragstart", onDragStart);
  }, []);
}

interface MessageDrop {
  /** Moves the dragged messages to `destination`. */
  moveTo: (destination: string, targets: Target[]) => void;
}

const MessageDropContext = createContext<MessageDrop | null>(null);

/**
 * Dropping messages on a folder of the navigation moves them there with the message actions'
 * move (their notice says so, with Undo and the z key). The keyboard way is "Move to…" (v).
 */
export function MessageDropProvider({ children }: { children: ReactNode }) {
  useMessageDragSource();
  const router = useRouter();
  const moveTo = useCallback(
    async (destination: string, targets: Target[]) => {
      const moving = targets.filter((target) => target.folder !== destination);
      if (moving.length === 0) return;
      const result = await runMessageOperation("move", moving, destination);
      if (result.ok) router.refresh();
    },
    [router],
  );
  return <MessageDropContext value={{ moveTo }}>{children}</MessageDropContext>;
}

/** Makes a folder link a drop target for dragged messages; `over` is true while a drag hovers it. */
export function useFolderDropTarget(destination: string) {
  const drop = useContext(MessageDropContext);
  const [over, setOver] = useState(false);
  const carriesMessages = (event: DragEvent) => event.dataTransfer.types.includes(MESSAGE_DRAG_TYPE);
  if (!drop) return { over: false, handlers: {} };
  return {
    over,
    handlers: {
      onDragEnter: (event: DragEvent) => {
        if (!carriesMessages(event)) return;
        event.preventDefault();
        setOver(true);
      },
      onDragOver: (event: DragEvent) => {
        if (!carriesMessages(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = "move";
      },
      onDragLeave: () => setOver(false),
      onDrop: (event: DragEvent) => {
        setOver(false);
        if (!carriesMessages(event)) return;
        event.preventDefault();
        try {
          void drop.moveTo(destination, JSON.parse(event.dataTransfer.getData(MESSAGE_DRAG_TYPE)) as Target[]);
        } catch {
          // Not our data after all: nothing to move.
        }
      },
    },
  };
}
