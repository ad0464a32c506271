"use client";

import { useRouter } from "next/navigation";
import { createContext, useCallback, useContext, useEffect, useState, useTransition, type DragEvent, type ReactNode } from "react";
import { actOnMessagesAction, undoMessagesAction } from "@/lib/actions/message-actions";
import { runAction } from "@/components/run-action";

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

/** Message rows (links marked data-message-row) carry their messages when dragged, wherever the list is. */
function useMessageDragSource() {
  useEffect(() => {
    const onDragStart = (event: globalThis.DragEvent) => {
      const row = (event.target as Element | null)?.closest?.<HTMLAnchorElement>("a[data-message-row]");
      if (!row || !event.dataTransfer) return;
      const targets = draggedTargets(row);
      if (targets.length === 0 || countOf(targets) > MAX_DRAGGED) return;
      event.dataTransfer.setData(MESSAGE_DRAG_TYPE, JSON.stringify(targets));
      event.dataTransfer.effectAllowed = "move";
    };
    document.addEventListener("dragstart", onDragStart);
    return () => document.removeEventListener("dragstart", onDragStart);
  }, []);
}

type Notice = { tone: "done"; text: string; undo: string | null } | { tone: "error"; text: string } | null;

interface MessageDrop {
  /** Moves the dragged messages to `destination` (named `name` in the notice). */
  moveTo: (destination: string, name: string, targets: Target[]) => void;
}

const MessageDropContext = createContext<MessageDrop | null>(null);

/**
 * Dropping messages on a folder of the navigation moves them there (the message actions' move,
 * with Undo). The keyboard way is "Move to…" on the message or the selection.
 */
export function MessageDropProvider({ children }: { children: ReactNode }) {
  useMessageDragSource();
  const router = useRouter();
  const [notice, setNotice] = useState<Notice>(null);
  const [pending, startTransition] = useTransition();
  const moveTo = useCallback(
    (destination: string, name: string, targets: Target[]) =>
      startTransition(async () => {
        const moving = targets.filter((target) => target.folder !== destination);
        if (moving.length === 0) return;
        const result = await runAction(() => actOnMessagesAction({ operation: "move", targets: moving, destination }));
        if (!result.ok) {
          setNotice({ tone: "error", text: result.error });
          return;
        }
        const moved = result.data.done;
        setNotice({ tone: "done", text: `Moved ${moved === 1 ? "1 message" : `${moved.toLocaleString("en")} messages`} to ${name}.`, undo: result.data.undo });
        router.refresh();
      }),
    [router],
  );
  const undo = (token: string) =>
    startTransition(async () => {
      const result = await runAction(() => undoMessagesAction({ token }));
      setNotice(result.ok ? { tone: "done", text: "Moved back.", undo: null } : { tone: "error", text: result.error });
      router.refresh();
    });
  return (
    <MessageDropContext value={{ moveTo }}>
      {children}
      <div aria-live="polite" className="px-2 pt-2 text-xs">
        {notice?.tone === "done" ? (
          <p role="status" className="flex flex-wrap items-center gap-2 text-slate-700">
            {notice.text}
            {notice.undo ? (
              <button type="button" disabled={pending} onClick={() => undo(notice.undo!)} className="rounded px-1.5 py-0.5 font-medium text-sky-700 underline hover:bg-slate-100">
                Undo
              </button>
            ) : null}
          </p>
        ) : null}
        {notice?.tone === "error" ? (
          <p role="alert" className="text-red-700">
            {notice.text}
          </p>
        ) : null}
      </div>
    </MessageDropContext>
  );
}

/** Makes a folder link a drop target for dragged messages; `over` is true while a drag hovers it. */
export function useFolderDropTarget(destination: string, name: string) {
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
          drop.moveTo(destination, name, JSON.parse(event.dataTransfer.getData(MESSAGE_DRAG_TYPE)) as Target[]);
        } catch {
          // Not our data after all: nothing to move.
        }
      },
    },
  };
}
