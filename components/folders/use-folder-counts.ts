"use client";

import { createContext, useEffect, useState } from "react";
import type { FolderNode } from "@/lib/mail/imap/folders";
import type { FolderCount } from "@/lib/mail/imap/folder-status";

/** How often the counts are asked for while the tab is visible. */
const POLL_MS = 30_000;

type Counts = Record<string, FolderCount>;

/** Counts fresher than the server-rendered tree, by folder path (null until the first answer). */
export const FolderCountsContext = createContext<Counts | null>(null);

function selectablePaths(nodes: FolderNode[]): string[] {
  return nodes.flatMap((node) => [...(node.selectable ? [node.path] : []), ...selectablePaths(node.children)]);
}

/**
 * Keeps the unread counts of every folder in the navigation current, not only the open folder's
 * (whose changes arrive live): every 30 s while the tab is visible, and at once when it becomes
 * visible again, it asks /api/folder-counts (one LIST-STATUS on the session's IMAP connection).
 * A newly rendered tree (navigation, router.refresh) is as fresh and replaces the answers.
 */
export function useFolderCounts(folders: FolderNode[]): Counts | null {
  const [answer, setAnswer] = useState<{ basis: FolderNode[]; counts: Counts } | null>(null);
  useEffect(() => {
    const paths = selectablePaths(folders);
    if (paths.length === 0) return;
    const query = new URLSearchParams(paths.map((path) => ["path", path])).toString();
    let stopped = false;
    let running: AbortController | null = null;
    const ask = async () => {
      if (document.visibilityState !== "visible" || running) return;
      running = new AbortController();
      try {
        const response = await fetch(`/api/folder-counts?${query}`, { signal: running.signal, cache: "no-store" });
        if (!response.ok) return;
        const body = (await response.json()) as { counts: Counts };
        if (!stopped) setAnswer({ basis: folders, counts: body.counts });
      } catch {
        // Offline or the tab is closing: the next round tries again.
      } finally {
        running = null;
      }
    };
    const timer = setInterval(ask, POLL_MS);
    const onVisible = () => void (document.visibilityState === "visible" && ask());
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      stopped = true;
      clearInterval(timer);
      running?.abort();
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [folders]);
  return answer?.basis === folders ? answer.counts : null;
}
