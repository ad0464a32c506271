"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useState, type ReactNode } from "react";

/** "Try again at 14:05 (in 12 minutes)", in the reader's own time zone and language. */
export function RetryTime({ at }: { at: string }) {
  const t = useTranslations("signIn");
  const format = useFormatter();
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  const when = new Date(at);
  const values = {
    time: format.dateTime(when, { hour: "2-digit", minute: "2-digit" }),
    clock: (chunks: ReactNode) => <time dateTime={at}>{chunks}</time>,
  };
  return (
    <p className="mt-1 font-medium">
      {now === null ? t.rich("retryAt", values) : t.rich("retryAtIn", { ...values, minutes: Math.max(1, Math.ceil((when.getTime() - now) / 60_000)) })}
    </p>
  );
}
