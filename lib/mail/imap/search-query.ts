import type { SearchObject } from "imapflow";

/** What a reader searches for; every field optional, all given ones must match. */
export interface SearchQuery {
  /** Free text: matches From, To, Subject or the body. */
  text: string;
  from: string;
  to: string;
  subject: string;
  hasAttachment: boolean;
  unread: boolean;
  starred: boolean;
  /** YYYY-MM-DD, received on or after. */
  since: string;
  /** YYYY-MM-DD, received before. */
  before: string;
  /** Search every folder instead of the current one. */
  allFolders: boolean;
}

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
  return Boolean(
    query.text || query.from || query.to || query.subject || query.hasAttachment || query.unread || query.starred || query.since || query.before,
  );
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

/**
 * The IMAP SEARCH criteria. "Has attachment" is the usual heuristic: a Content-Type header
 * containing multipart/mixed (the row's paperclip then comes from the body structure).
 */
export function toSearchObject(query: SearchQuery): SearchObject {
  const criteria: SearchObject = {};
  if (query.text) {
    criteria.or = [{ from: query.text }, { to: query.text }, { subject: query.text }, { body: query.text }];
  }
  if (query.from) criteria.from = query.from;
  if (query.to) criteria.to = query.to;
  if (query.subject) criteria.subject = query.subject;
  if (query.hasAttachment) criteria.header = { "content-type": "multipart/mixed" };
  if (query.unread) criteria.seen = false;
  if (query.starred) criteria.flagged = true;
  // Day boundaries in UTC: imapflow sends YOUNGER/OLDER seconds where the server has WITHIN
  // (exact instants), else SINCE/BEFORE with the UTC date; both then agree on the same days.
  if (query.since) criteria.since = new Date(`${query.since}T00:00:00Z`);
  if (query.before) criteria.before = new Date(`${query.before}T00:00:00Z`);
  if (Object.keys(criteria).length === 0) criteria.all = true;
  return criteria;
}
