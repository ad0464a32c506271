"use client";

// The message list's rows (their links, in order) as last shown in this tab, so the message page
// can go on to the next message after Archive, Delete or Move, as Gmail does.
const KEY = "mailroom:list-order";

export function rememberListOrder(hrefs: string[]) {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(hrefs));
  } catch {
    // Storage full or disabled: the message page goes back to the list instead.
  }
}

/** The rows next to message `href` in the list it was opened from: the one below (`next`) and above (`previous`). */
export function neighboursInList(href: string): { next: string | null; previous: string | null } {
  const hrefs = rememberedOrder();
  const index = hrefs.findIndex((candidate) => pathOf(candidate) === pathOf(href));
  if (index === -1) return { next: null, previous: null };
  return { next: hrefs[index + 1] ?? null, previous: hrefs[index - 1] ?? null };
}

function rememberedOrder(): string[] {
  try {
    const hrefs: unknown = JSON.parse(sessionStorage.getItem(KEY) ?? "[]");
    return Array.isArray(hrefs) ? hrefs.filter((candidate): candidate is string => typeof candidate === "string") : [];
  } catch {
    return [];
  }
}

function pathOf(href: string): string {
  return href.split("?")[0]!;
}

/** Where to go after message `href` left the folder: the row below it, else the one above, else null. */
export function nextInList(href: string): string | null {
  const hrefs = rememberedOrder();
  const index = hrefs.findIndex((candidate) => pathOf(candidate) === pathOf(href));
  if (index === -1) return null;
  const next = hrefs[index + 1] ?? hrefs[index - 1];
  if (next === undefined) return null;
  hrefs.splice(index, 1);
  rememberListOrder(hrefs);
  return next;
}
