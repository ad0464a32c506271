"use client";

import { useFormatter } from "next-intl";

/** A full date and time in the reader's language and the browser's time zone (the provider switches to it after hydration). */
export function LocalDateTime({ iso }: { iso: string }) {
  const format = useFormatter();
  return <time dateTime={iso}>{format.dateTime(new Date(iso), { dateStyle: "full", timeStyle: "short" })}</time>;
}
