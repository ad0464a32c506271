import type { ImapFlow } from "imapflow";
import { atom, type RawAttribute } from "./raw-command";

/**
 * Whether the server answers body searches from a full-text index and takes the FUZZY modifier
 * (RFC 6203). Dovecot advertises SEARCH=FUZZY only when its FTS backend can do fuzzy lookups
 * (fts-xapian can), so an index is there to ask.
 */
export function supportsFuzzySearch(client: ImapFlow): boolean {
  return client.capabilities.has("SEARCH=FUZZY");
}

// How many values follow each search key imapflow's compiler can emit (keys not listed take none).
const KEY_ARITY: Record<string, number> = {
  BCC: 1,
  BEFORE: 1,
  BODY: 1,
  CC: 1,
  CHARSET: 1,
  EMAILID: 1,
  FROM: 1,
  HEADER: 2,
  KEYWORD: 1,
  LARGER: 1,
  OLDER: 1,
  ON: 1,
  SENTBEFORE: 1,
  SENTON: 1,
  SENTSINCE: 1,
  SINCE: 1,
  SMALLER: 1,
  SUBJECT: 1,
  TEXT: 1,
  THREADID: 1,
  TO: 1,
  UID: 1,
  UNKEYWORD: 1,
  YOUNGER: 1,
};

/**
 * The same criteria with every BODY and TEXT key marked FUZZY (`FUZZY BODY "word"`), so a server
 * with a full-text index answers from it rather than reading each message. The criteria are read
 * key by key (a value that happens to be the word "body" is a value, not a key); parenthesised
 * groups are rewritten the same way.
 */
export function withFuzzyText(criteria: RawAttribute[]): RawAttribute[] {
  const rewritten: RawAttribute[] = [];
  for (let index = 0; index < criteria.length; index++) {
    const attribute = criteria[index]!;
    if (Array.isArray(attribute)) {
      rewritten.push(withFuzzyText(attribute));
      continue;
    }
    const key = attribute.type === "ATOM" ? attribute.value.toUpperCase() : "";
    const arity = KEY_ARITY[key] ?? 0;
    if (key === "BODY" || key === "TEXT") rewritten.push(atom("FUZZY"));
    rewritten.push(attribute, ...criteria.slice(index + 1, index + 1 + arity));
    index += arity;
  }
  return rewritten;
}
