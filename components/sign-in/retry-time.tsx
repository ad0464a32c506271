"use client";

import { useEffect, useState } from "react";

/** "Try again at 14:05 (in 12 minutes)", in the reader's own time zone. */
export function RetryTime({ at }: { at: string }) {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  const when = new Date(at);
  const time = when.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  const minutes = now === null ? null : Math.max(1, Math.ceil((when.getTime() - now) / 60_000));
  return (
    <p className="mt-1 font-medium">
      Try again at{" "}
      <time dateTime={at} suppressHydrationWarning>
        {time}
      </time>
      {minutes === null ? "" : ` (in ${minutes} minute${minutes === 1 ? "" : "s"})`}.
    </p>
  );
}
