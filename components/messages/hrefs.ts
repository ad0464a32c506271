import type { SortKey } from "@/lib/mail/imap/sort";

/** What a message list shows, kept in its URL so back, forward and reload return to the same place. */
export interface ListState {
  /** Zero-based. */
  page: number;
  sort: SortKey;
  /** Search parameters (see lib/mail/imap/search-query.ts searchQueryParams), empty when not searching. */
  search: [string, string][];
}

function queryString(state: Partial<ListState>): string {
  const params = new URLSearchParams();
  if (state.page && state.page > 0) params.set("page", String(state.page + 1));
  if (state.sort && state.sort !== "date") params.set("sort", state.sort);
  for (const [name, value] of state.search ?? []) params.append(name, value);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** URL of a folder's message list. Folder paths may hold any character, so they are encoded as one segment. */
export function folderHref(path: string, page = 0): string {
  return `/mail/${encodeURIComponent(path)}${queryString({ page })}`;
}

/** URL of a folder's list at a given page, sort and search. */
export function listHref(path: string, state: Partial<ListState>): string {
  return `/mail/${encodeURIComponent(path)}${queryString(state)}`;
}

/** URL of one message; carries the list's page, sort and search so the way back lands on the same page. */
export function messageHref(path: string, uid: number, state: Partial<ListState>): string {
  const params = new URLSearchParams();
  params.set("page", String((state.page ?? 0) + 1));
  params.set("sort", state.sort ?? "date");
  for (const [name, value] of state.search ?? []) params.append(name, value);
  return `/mail/${encodeURIComponent(path)}/${uid}?${params.toString()}`;
}
