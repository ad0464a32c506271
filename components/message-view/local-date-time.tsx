"use client";

import { useEffect, useState } from "react";

/** A full date and time in the reader's own time zone and language (formatted in the browser). */
export function LocalDateTime({ iso }: { iso: string }) {
  const [text, setText] = useState(() => `${iso.slice(0, 16).replace("T", " ")} UTC`);
  useEffect(() => {
    setText(new Date(iso).toLocaleString([], { dateStyle: "full", timeStyle: "short" }));
  }, [iso]);
  return <time dateTime={iso}>{text}</time>;
}
