"use client";

import { useFormatter, useNow } from "next-intl";

/** Time for today's mail, a short date otherwise; in the reader's language and time zone (the provider switches to the browser's after hydration). */
export function MessageDate({ iso }: { iso: string }) {
  const format = useFormatter();
  const now = useNow();
  const date = new Date(iso);
  const day = (value: Date) => format.dateTime(value, { dateStyle: "short" });
  const year = (value: Date) => format.dateTime(value, { year: "numeric" });
  const text =
    day(date) === day(now)
      ? format.dateTime(date, { hour: "2-digit", minute: "2-digit" })
      : format.dateTime(date, year(date) === year(now) ? { month: "short", day: "numeric" } : { year: "numeric", month: "short", day: "numeric" });
  return (
    <time dateTime={iso} className="w-20 shrink-0 text-right text-xs text-slate-500">
      {text}
    </time>
  );
}
