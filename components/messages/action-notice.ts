"use client";

import { useSyncExternalStore } from "react";

/**
 * One part of a notice: the server's own words (already in the reader's language), or what was
 * done, worded by the toast in the reader's language (a folder by its path, "Inbox" translated).
 */
export type NoticePart =
  | string
  | { done: "archived" | "deletedForever" | "trashed" | "starred" | "unstarred" | "markedRead" | "markedUnread" | "junked" | "notJunked"; count: number }
  | { done: "moved" | "copied"; count: number; folder: string }
  | { done: "missing" | "notChanged" | "undoneFor"; count: number }
  | { done: "undoing" | "undone" };

/** What the toast under the list or message says after an action: done (with Undo while it lasts), undone, or why it failed. */
export interface ActionNotice {
  id: number;
  /** Said one after another, with a space between. */
  parts: NoticePart[];
  /** Sealed undo tokens, undone last first; empty when there is nothing to undo. */
  undo: string[];
  failed: boolean;
}

// One notice for the whole tab: it outlives the page that made it, so "Archive" in a message
// followed by the next message still offers Undo there.
let current: ActionNotice | null = null;
let nextId = 1;
const listeners = new Set<() => void>();

function publish(notice: ActionNotice | null) {
  current = notice;
  for (const listener of listeners) listener();
}

export function showActionNotice(parts: NoticePart[], options: { undo?: string[]; failed?: boolean } = {}): ActionNotice {
  const notice = { id: nextId++, parts, undo: options.undo ?? [], failed: options.failed ?? false };
  publish(notice);
  return notice;
}

/** Removes the notice, unless a newer one has replaced it. */
export function dismissActionNotice(id: number) {
  if (current?.id === id) publish(null);
}

export function currentActionNotice(): ActionNotice | null {
  return current;
}

export function useActionNotice(): ActionNotice | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
    () => null,
  );
}
