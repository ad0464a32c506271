"use client";

import { useEffect, useSyncExternalStore } from "react";

/** One thing the command palette can do. */
export interface PaletteCommand {
  id: string;
  label: string;
  /** Heading it is listed under ("Messages", "Go to"). */
  group: string;
  /** More words it is found by. */
  keywords?: string;
  run: () => void;
}

/**
 * Commands other parts of the app add while they are on screen: the message view and the list
 * register their message actions (Archive, Delete, Move to…) here with
 * `usePaletteCommands("message-actions", [...])`, and the palette lists them first.
 */
const sources = new Map<string, PaletteCommand[]>();
const listeners = new Set<() => void>();
let snapshot: PaletteCommand[] = [];

function publish() {
  snapshot = [...sources.values()].flat();
  listeners.forEach((listener) => listener());
}

export function usePaletteCommands(source: string, commands: PaletteCommand[]) {
  useEffect(() => {
    sources.set(source, commands);
    publish();
    return () => {
      sources.delete(source);
      publish();
    };
  }, [source, commands]);
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useRegisteredCommands(): PaletteCommand[] {
  return useSyncExternalStore(
    subscribe,
    () => snapshot,
    () => snapshot,
  );
}
