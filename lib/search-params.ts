import type { SearchQuery } from "@/lib/mail/imap/search-query";

/** URL parameter names of each field (the folder page keeps the search in its query string). */
export const SEARCH_PARAMS = {
  text: "q",
  from: "from",
  to: "to",
  subject: "subject",
  hasAttachment: "attachment",
  unread: "unread",
  starred: "starred",
  since: "since",
  before: "before",
  allFolders: "scope",
} as const satisfies Record<keyof SearchQuery, string>;

const MAX_TEXT = 200;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function parseSearchQuery(params: Record<string, string | string[] | undefined>): SearchQuery {
  const one = (name: string) => {
    const value = params[name];
    return (Array.isArray(value) ? value[0] : value)?.trim().slice(0, MAX_TEXT) ?? "";
  };
  const day = (name: string) => (DAY.test(one(name)) && !Number.isNaN(Date.parse(one(name))) ? one(name) : "");
  const flag = (name: string) => ["1", "on", "true"].includes(one(name));
  return {
    text: one(SEARCH_PARAMS.text),
    from: one(SEARCH_PARAMS.from),
    to: one(SEARCH_PARAMS.to),
    subject: one(SEARCH_PARAMS.subject),
    hasAttachment: flag(SEARCH_PARAMS.hasAttachment),
    unread: flag(SEARCH_PARAMS.unread),
    starred: flag(SEARCH_PARAMS.starred),
    since: day(SEARCH_PARAMS.since),
    before: day(SEARCH_PARAMS.before),
    allFolders: one(SEARCH_PARAMS.allFolders) === "all",
  };
}

/** True when the query asks for anything at all (scope alone is no search). */
export function isSearch(query: SearchQuery): boolean {
  return Boolean(query.text || query.from || query.to || query.subject || query.hasAttachment || query.unread || query.starred || query.since || query.before);
}

/** The query as URL parameters, for links that keep the search (paging, sorting, opening a message). */
export function searchQueryParams(query: SearchQuery): [string, string][] {
  const params: [string, string][] = [];
  for (const key of Object.keys(SEARCH_PARAMS) as (keyof SearchQuery)[]) {
    const value = query[key];
    if (key === "allFolders") {
      if (value) params.push([SEARCH_PARAMS.allFolders, "all"]);
    } else if (typeof value === "boolean") {
      if (value) params.push([SEARCH_PARAMS[key], "1"]);
    } else if (value) {
      params.push([SEARCH_PARAMS[key], value]);
    }
  }
  return params;
}
