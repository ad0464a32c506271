"use client";

import { useEffect, useRef, type ReactNode } from "react";

const TYPING = new Set(["INPUT", "TEXTAREA", "SELECT"]);

/**
 * Keyboard movement between rows: j / ArrowDown to the next message, k / ArrowUp to the
 * previous one (Enter opens it, as on any link). Keys typed into form fields are left alone.
 */
export function MessageListKeys({ children }: { children: ReactNode }) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target as HTMLElement | null;
      if (target && (TYPING.has(target.tagName) || target.isContentEditable)) return;
      const step = event.key === "j" || event.key === "ArrowDown" ? 1 : event.key === "k" || event.key === "ArrowUp" ? -1 : 0;
      if (step === 0 || !container.current) return;
      const rows = [...container.current.querySelectorAll<HTMLAnchorElement>("a[data-message-row]")];
      if (rows.length === 0) return;
      const index = rows.indexOf(document.activeElement as HTMLAnchorElement);
      // Arrow keys outside the list keep scrolling the page.
      if (index === -1 && event.key.startsWith("Arrow")) return;
      event.preventDefault();
      const next = index === -1 ? 0 : Math.min(rows.length - 1, Math.max(0, index + step));
      rows[next]!.focus();
    }
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
  return <div ref={container}>{children}</div>;
}
