import type { SortKey } from "@/lib/mail/imap/sort";

// Every sort key once; `satisfies` makes the compiler check the list against SortKey both ways.
const SORT_KEYS = { date: true, sender: true, subject: true, size: true } as const satisfies Record<SortKey, true>;

/** The `sort` URL parameter of a message list; anything unknown is the default, date. */
export function parseSortKey(value: string | undefined): SortKey {
  return value !== undefined && Object.hasOwn(SORT_KEYS, value) ? (value as SortKey) : "date";
}
