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

/** Where to go after message `href` left the folder: the row below it, else the one above, else null. */
export function nextInList(href: string): string | null {
  let hrefs: unknown;
  try {
    hrefs = JSON.parse(sessionStorage.getItem(KEY) ?? "[]");
  } catch {
    return null;
  }
  if (!Array.isArray(hrefs)) return null;
  const path = (value: string) => value.split("?")[0];
  const index = hrefs.findIndex((candidate) => typeof candidate === "string" && path(candidate) === path(href));
  if (index === -1) return null;
  const next = hrefs[index + 1] ?? hrefs[index - 1];
  if (typeof next !== "string") return null;
  hrefs.splice(index, 1);
  rememberListOrder(hrefs as string[]);
  return next;
}
