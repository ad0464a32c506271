"use client";

import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { SEARCH_PARAMS } from "@/lib/search-params";
import { messageCommands } from "@/components/messages/message-commands";
import type { ComposeStart } from "@/components/message-view/hrefs";
import { focusSearch } from "./focus-search";

// Loaded when first opened: the inbox's JavaScript carries neither (issue 11's budget).
const CommandPalette = dynamic(() => import("@/components/palette/command-palette").then((module) => module.CommandPalette));
const ShortcutHelp = dynamic(() => import("./shortcut-help").then((module) => module.ShortcutHelp));

const TYPING = new Set(["INPUT", "TEXTAREA", "SELECT"]);
/** How long after "g" or "*" the second key of "g i" / "g s" / "* a" / "* n" may come. */
const SEQUENCE_MS = 1500;

export const INBOX_HREF = "/mail/INBOX";
/** "Starred": every flagged message, in all folders. */
export const STARRED_HREF = `/mail/INBOX?${SEARCH_PARAMS.starred}=1&${SEARCH_PARAMS.allFolders}=all`;

/** Whether a key press belongs to what the user is typing (a field, an editor) or to a dialog. */
function isTyping(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  if (target && (TYPING.has(target.tagName) || target.isContentEditable)) return true;
  return document.querySelector("dialog[open], [aria-modal='true']") !== null;
}

/** The list a message page came from: /mail/<folder>/<uid>?… → /mail/<folder>?… (same page, sort and search). */
function listOfOpenMessage(): string | null {
  const match = /^(\/mail\/[^/]+)\/\d+$/.exec(location.pathname);
  return match ? `${match[1]}${location.search}` : null;
}

/** The Reply / Reply all / Forward link of the message being read (the focused one in a conversation, else the last), whatever the language. */
function replyLink(start: ComposeStart): HTMLAnchorElement | null {
  const focusedArticle = document.activeElement?.closest("article");
  const navs = [...document.querySelectorAll<HTMLElement>("nav[data-message-actions]")];
  const nav = navs.find((candidate) => focusedArticle?.contains(candidate)) ?? navs[navs.length - 1];
  return nav?.querySelector<HTMLAnchorElement>(`a[data-compose-start="${start}"]`) ?? null;
}

/**
 * Gmail-like navigation keys (the message actions' own keys live with those actions; j and k with
 * the list): o / Enter open, u back to the list, c compose, r / a / f reply, reply all, forward,
 * / search, g i Inbox, g s starred, * a / * n select all on the page / none, ? this sheet; Ctrl+K or ⌘K opens the command palette. None
 * fires while typing in a field or an editor, with Ctrl, Alt or ⌘ held, or over a dialog.
 */
export function KeyboardShortcuts() {
  const router = useRouter();
  const [open, setOpen] = useState<"help" | "palette" | null>(null);
  const pendingG = useRef(0);
  const pendingStar = useRef(0);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.defaultPrevented || event.repeat) return;
      if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === "k") {
        const target = event.target as HTMLElement | null;
        // An editor's own Ctrl+K (insert link) wins inside it.
        if (target?.isContentEditable || document.querySelector("dialog[open]")) return;
        event.preventDefault();
        setOpen("palette");
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event)) return;
      const afterG = Date.now() - pendingG.current < SEQUENCE_MS;
      const afterStar = Date.now() - pendingStar.current < SEQUENCE_MS;
      pendingG.current = 0;
      pendingStar.current = 0;
      if (afterStar && (event.key === "a" || event.key === "n")) {
        // "* a" selects the page, "* n" nothing; the "a" is not also Reply all.
        event.preventDefault();
        event.stopPropagation();
        messageCommands()
          .find((command) => command.id === (event.key === "a" ? "select-all" : "select-none"))
          ?.run();
        return;
      }
      if (afterG && (event.key === "i" || event.key === "s")) {
        // "g s" is not also "s" (star) for the message actions' keys.
        event.preventDefault();
        event.stopPropagation();
        router.push(event.key === "i" ? INBOX_HREF : STARRED_HREF);
        return;
      }
      const run = (action: () => void) => {
        event.preventDefault();
        action();
      };
      switch (event.key) {
        case "g":
          pendingG.current = Date.now();
          return;
        case "*":
          event.preventDefault();
          pendingStar.current = Date.now();
          return;
        case "?":
          return run(() => setOpen("help"));
        case "/":
          return run(() => focusSearch(() => router.push(INBOX_HREF)));
        case "c":
          return run(() => router.push("/compose"));
        case "o": {
          const row = document.activeElement?.closest<HTMLAnchorElement>("a[data-message-row]");
          if (row) run(() => row.click());
          return;
        }
        case "u": {
          const list = listOfOpenMessage();
          if (list) run(() => router.push(list));
          return;
        }
        case "r":
        case "a":
        case "f": {
          const link = replyLink(({ r: "reply", a: "replyAll", f: "forward" } as const)[event.key]);
          if (link) run(() => link.click());
          return;
        }
      }
    }
    // Capture phase: seen before the page's own key handlers, which skip what was handled here.
    document.addEventListener("keydown", onKey, true);
    return () => document.removeEventListener("keydown", onKey, true);
  }, [router]);

  if (open === "help") return <ShortcutHelp onClose={() => setOpen(null)} />;
  if (open === "palette") return <CommandPalette onClose={() => setOpen(null)} onShowShortcuts={() => setOpen("help")} />;
  return null;
}
