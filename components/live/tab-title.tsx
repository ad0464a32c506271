"use client";

import { useEffect } from "react";

/**
 * Keeps the tab title at "(3) Inbox · Mailroom" as the unread count changes. Next streams the
 * page's metadata and may put its own <title> ("Inbox · Mailroom") in place after this has run
 * (the list is not behind a Suspense boundary, so it can render before the metadata arrives):
 * while the list is shown, a change of the title by anyone else is undone.
 */
export function TabTitle({ name, unread }: { name: string; unread: number }) {
  const title = `${unread > 0 ? `(${unread}) ` : ""}${name} · Mailroom`;
  useEffect(() => {
    const keep = () => {
      if (document.title !== title) document.title = title;
    };
    keep();
    const observer = new MutationObserver(keep);
    observer.observe(document.head, { childList: true, subtree: true, characterData: true });
    return () => observer.disconnect();
  }, [title]);
  return null;
}
