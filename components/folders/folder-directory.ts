"use client";

import { useEffect, useSyncExternalStore } from "react";
import type { FolderNode } from "@/lib/mail/imap/folders";

/** A folder that can be opened, as the command palette lists it. */
export interface FolderEntry {
  path: string;
  /** Its name with its parents ("Projects / Größe & Co"). */
  label: string;
}

const NONE: FolderEntry[] = [];
let published: FolderEntry[] = NONE;
const listeners = new Set<() => void>();

function flatten(nodes: FolderNode[], inboxName: string, parents: string[] = []): FolderEntry[] {
  return nodes.flatMap((node) => {
    const name = node.specialUse === "\\Inbox" ? inboxName : node.name;
    return [...(node.selectable ? [{ path: node.path, label: [...parents, name].join(" / ") }] : []), ...flatten(node.children, inboxName, [...parents, name])];
  });
}

/** The folder navigation shares the folders it shows, named as it names them, with the command palette (no second IMAP LIST). */
export function usePublishFolders(nodes: FolderNode[], inboxName: string) {
  useEffect(() => {
    published = flatten(nodes, inboxName);
    listeners.forEach((listener) => listener());
  }, [nodes, inboxName]);
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The folders of the navigation, in its order. */
export function useFolderDirectory(): FolderEntry[] {
  return useSyncExternalStore(
    subscribe,
    () => published,
    () => NONE,
  );
}
