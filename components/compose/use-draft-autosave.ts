"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { runAction } from "@/components/run-action";
import { saveDraftAction } from "@/lib/actions/compose";
import type { DraftInput } from "@/lib/actions/compose-draft";
import type { ActionResult } from "@/lib/actions/result";

const AUTOSAVE_DELAY_MS = 2_000;

export interface DraftAutosave {
  /** "Draft saved at 14:05", or why the last save failed. */
  note: string;
  /** The content changed: it is saved once the writer pauses. */
  changed(): void;
  /** Saves the latest content now, after any save already on its way. */
  saveNow(): Promise<ActionResult<{ uid: number }>>;
  /** Drops a pending autosave (sending or discarding takes over). */
  cancel(): void;
  /** Counts the current content as saved, so leaving the page sends nothing (after discarding). */
  markSaved(): void;
}

/**
 * Keeps the composition in Drafts: a save two seconds after the last change (only while `active`,
 * i.e. while the writer edits), one last save by beacon when the page is left, and the address
 * bar naming the composition so that a reload finds its draft.
 */
export function useDraftAutosave(draft: DraftInput, active: boolean): DraftAutosave {
  const t = useTranslations("compose");
  const format = useFormatter();
  const [note, setNote] = useState("");
  const latest = useRef(draft);
  const isActive = useRef(active);
  const version = useRef(0);
  const savedVersion = useRef(0);
  const saving = useRef<Promise<unknown> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => {
    latest.current = draft;
    isActive.current = active;
  });

  async function saveNow(): Promise<ActionResult<{ uid: number }>> {
    while (saving.current) await saving.current;
    const savingVersion = version.current;
    const request = runAction(() => saveDraftAction(latest.current));
    saving.current = request;
    try {
      const result = await request;
      if (result.ok) {
        savedVersion.current = Math.max(savedVersion.current, savingVersion);
        window.history.replaceState(null, "", `/compose?draft=${result.data.uid}&mid=${encodeURIComponent(latest.current.messageId)}`);
        setNote(t("draft.saved", { time: format.dateTime(new Date(), { hour: "2-digit", minute: "2-digit" }) }));
      } else {
        setNote(t("draft.notSaved", { reason: Object.values(result.fieldErrors ?? {})[0]?.[0] ?? result.error }));
      }
      return result;
    } finally {
      saving.current = null;
    }
  }

  function changed() {
    version.current += 1;
    // From the first change on, the address bar names this composition, so a reload finds its draft.
    const url = new URL(window.location.href);
    if (url.searchParams.get("mid") !== latest.current.messageId) {
      url.searchParams.set("mid", latest.current.messageId);
      window.history.replaceState(null, "", `${url.pathname}${url.search}`);
    }
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (isActive.current && version.current > savedVersion.current) void saveNow();
    }, AUTOSAVE_DELAY_MS);
  }

  // Leaving the page (reload, close, another site): one last save that survives the unload.
  useEffect(() => {
    function saveOnLeave() {
      if (!isActive.current || version.current <= savedVersion.current) return;
      const body = new Blob([JSON.stringify(latest.current)], { type: "application/json" });
      if (navigator.sendBeacon("/compose/draft", body)) savedVersion.current = version.current;
    }
    const onVisibility = () => {
      if (document.visibilityState === "hidden") saveOnLeave();
    };
    document.addEventListener("visibilitychange", onVisibility);
    window.addEventListener("pagehide", saveOnLeave);
    return () => {
      document.removeEventListener("visibilitychange", onVisibility);
      window.removeEventListener("pagehide", saveOnLeave);
      clearTimeout(timer.current);
    };
  }, []);

  return {
    note,
    changed,
    saveNow,
    cancel: () => clearTimeout(timer.current),
    markSaved: () => {
      savedVersion.current = version.current;
    },
  };
}
