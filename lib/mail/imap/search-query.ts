import type { SearchObject } from "imapflow";

/** What a reader searches for; every field optional, all given ones must match (URL form: lib/search-params.ts). */
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
