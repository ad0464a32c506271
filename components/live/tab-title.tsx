"use client";

import { useEffect } from "react";

/** Keeps the tab title at "(3) Inbox · Mailroom" as the unread count changes. */
export function TabTitle({ name, unread }: { name: string; unread: number }) {
  const title = `${unread > 0 ? `(${unread}) ` : ""}${name} · Mailroom`;
  useEffect(() => {
    document.title = title;
  });
  return null;
}
