"use client";

import { useEffect, useRef } from "react";

/** The action shortcuts, close to Gmail's. Navigation keys (j/k, g i, /, ?…) live elsewhere. */
export type ActionKey = "archive" | "delete" | "star" | "read" | "unread" | "move" | "copy" | "junk" | "select" | "undo";

const KEYS: Record<string, ActionKey> = {
  e: "archive",
  "#": "delete",
  s: "star",
  I: "read",
  U: "unread",
  v: "move",
  l: "copy",
  "!": "junk",
  x: "select",
  z: "undo",
};

/** Whether the key was typed into something that takes text (or a dialog is open), where shortcuts must not fire. */
function typing(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  if (!target) return false;
  if (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName)) return true;
  return Boolean(target.closest?.("dialog[open]")) || Boolean(document.querySelector("dialog[open]"));
}

/** The action key of a keydown, or null (modifier chords, typing, repeats of `I`/`U` without Shift are not shortcuts). */
export function actionKeyOf(event: KeyboardEvent): ActionKey | null {
  if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented || typing(event)) return null;
  const key = event.key;
  if ((key === "I" || key === "U") && !event.shiftKey) return null;
  return KEYS[key] ?? null;
}

/** Runs the handler of each action key pressed anywhere on the page, never while typing in a field. */
export function ActionKeys({ handlers }: { handlers: Partial<Record<ActionKey, () => void>> }) {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const action = actionKeyOf(event);
      const handler = action ? latest.current[action] : undefined;
      if (!handler) return;
      event.preventDefault();
      handler();
    }
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
  return null;
}
