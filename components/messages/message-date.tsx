"use client";

import { useEffect, useState } from "react";

/** Time for today's mail, a short date otherwise; in the reader's time zone (rendered after hydration). */
export function MessageDate({ iso }: { iso: string }) {
  const [text, setText] = useState<string>(() => iso.slice(0, 10));
  useEffect(() => {
    const date = new Date(iso);
    const now = new Date();
    const sameDay = date.toDateString() === now.toDateString();
    const sameYear = date.getFullYear() === now.getFullYear();
    setText(
      sameDay
        ? date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })
        : date.toLocaleDateString([], sameYear ? { month: "short", day: "numeric" } : { year: "numeric", month: "short", day: "numeric" }),
    );
  }, [iso]);
  return (
    <time dateTime={iso} className="w-20 shrink-0 text-right text-xs text-slate-500">
      {text}
    </time>
  );
}
