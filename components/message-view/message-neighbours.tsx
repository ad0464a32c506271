"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { neighboursInList } from "@/components/messages/list-order";
import { afterBodyFramesLoad } from "./body-frames";

type PrefetchKind = NonNullable<Parameters<ReturnType<typeof useRouter>["prefetch"]>[1]>["kind"];
/** The whole page with its data (the message, rendered), not only up to its loading skeleton. */
const FULL_PREFETCH = "full" as PrefetchKind;

const TYPING = new Set(["INPUT", "TEXTAREA", "SELECT"]);

/**
 * In an open message, j opens the next message of the list it was opened from and k the previous
 * one (this tab's list order). Both neighbours, and only they, are prefetched whole once the
 * message's body has loaded, so j and k show them at once; the server renders them read-only (a
 * GET marks nothing read), and renders each body's frame into the session's frame cache on the way.
 */
export function MessageNeighbours() {
  const router = useRouter();
  useEffect(() => {
    const here = () => neighboursInList(location.pathname + location.search);
    const cancelPrefetch = afterBodyFramesLoad(() => {
      const { next, previous } = here();
      for (const href of [next, previous]) if (href) router.prefetch(href, { kind: FULL_PREFETCH });
    });
    function onKey(event: KeyboardEvent) {
      if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented || event.repeat) return;
      const target = event.target as HTMLElement | null;
      if (target && (TYPING.has(target.tagName) || target.isContentEditable)) return;
      if (document.querySelector("dialog[open], [aria-modal='true']")) return;
      // Where the page is now (a key may come between two messages' renders).
      const href = event.key === "j" ? here().next : event.key === "k" ? here().previous : null;
      if (!href) return;
      event.preventDefault();
      router.push(href);
    }
    document.addEventListener("keydown", onKey);
    return () => {
      cancelPrefetch();
      document.removeEventListener("keydown", onKey);
    };
  }, [router]);
  return null;
}
