import type { ImapFlow } from "imapflow";
import { atom, attributeText, expandSequenceSet, runRawCommand, sequence, type RawAttribute } from "./raw-command";

/** The orders a message list offers (URL form: lib/sort-key.ts). */
export type SortKey = "date" | "sender" | "subject" | "size";

export interface UidWindow {
  /** How many messages match in all. */
  total: number;
  /** The UIDs of the requested window, in display order. */
  uids: number[];
  /** Which command produced the window, for logs and tests. */
  method: "esort-partial" | "sort-slice" | "search-slice";
}

/**
 * The order each key shows: newest, A to Z, A to Z, largest first. "date" is the arrival order
 * (like the sequence-range listing), so a search in date order pages the same way the folder does.
 */
function sortCriteria(client: ImapFlow, key: SortKey): RawAttribute[] {
  switch (key) {
    case "sender":
      return [atom(client.capabilities.has("SORT=DISPLAY") ? "DISPLAYFROM" : "FROM")];
    case "subject":
      return [atom("SUBJECT")];
    case "size":
      return [atom("REVERSE"), atom("SIZE")];
    case "date":
      return [atom("REVERSE"), atom("ARRIVAL")];
  }
}

/**
 * Whether the server takes `RETURN (PARTIAL m:n)` on UID SORT. RFC 5267 defines PARTIAL for
 * ESORT under CONTEXT=SORT; Dovecot 2.3 advertises ESORT with CONTEXT=SEARCH (not CONTEXT=SORT)
 * and accepts PARTIAL in both, so either context capability together with ESORT is enough.
 */
export function supportsPartialSort(client: ImapFlow): boolean {
  const caps = client.capabilities;
  return caps.has("ESORT") && (caps.has("CONTEXT=SORT") || caps.has("CONTEXT=SEARCH"));
}

/**
 * One window [offset, offset + limit) of the selected mailbox's messages that match `criteria`,
 * in the order of `key`. The caller holds the mailbox lock.
 *
 * - ESORT + CONTEXT: `UID SORT RETURN (COUNT PARTIAL m:n) (...) UTF-8 criteria`: the server
 *   returns only the window and the count, so the cost does not grow with the folder on our side.
 * - SORT without ESORT: plain `UID SORT` returns every matching UID, which we slice (the server
 *   lacks anything better; the list stays correct, only slower on very large folders).
 * - No SORT at all: `UID SEARCH` (every matching UID, ascending = arrival order), newest first;
 *   other orders fall back to arrival order, said so on the page by `method`.
 */
export async function sortedUidWindow(client: ImapFlow, criteria: RawAttribute[], key: SortKey, offset: number, limit: number): Promise<UidWindow> {
  const charsetFree = stripCharset(criteria);
  if (client.capabilities.has("SORT") && supportsPartialSort(client)) {
    let total = 0;
    let uids: number[] = [];
    const range = sequence(`${offset + 1}:${offset + limit}`);
    await runRawCommand(
      client,
      "UID SORT",
      [atom("RETURN"), [atom("COUNT"), atom("PARTIAL"), range], sortCriteria(client, key), atom("UTF-8"), ...charsetFree],
      "ESEARCH",
      (attributes) => {
        const result = readEsearch(attributes);
        total = result.count;
        uids = result.partial;
      },
    );
    return { total, uids, method: "esort-partial" };
  }
  if (client.capabilities.has("SORT")) {
    const all: number[] = [];
    await runRawCommand(client, "UID SORT", [sortCriteria(client, key), atom("UTF-8"), ...charsetFree], "SORT", (attributes) => {
      for (const value of attributes) {
        const uid = Number.parseInt(attributeText(value), 10);
        if (uid > 0) all.push(uid);
      }
    });
    return { total: all.length, uids: all.slice(offset, offset + limit), method: "sort-slice" };
  }
  const found: number[] = [];
  await runRawCommand(client, "UID SEARCH", criteria, "SEARCH", (attributes) => {
    for (const value of attributes) {
      const uid = Number.parseInt(attributeText(value), 10);
      if (uid > 0) found.push(uid);
    }
  });
  found.sort((a, b) => b - a);
  return { total: found.length, uids: found.slice(offset, offset + limit), method: "search-slice" };
}

/** SORT names the charset as its own argument: a CHARSET prefix from a SEARCH compiler must go. */
function stripCharset(criteria: RawAttribute[]): RawAttribute[] {
  const first = criteria[0];
  if (first && !Array.isArray(first) && first.value.toUpperCase() === "CHARSET") return criteria.slice(2);
  return criteria;
}

/** COUNT and PARTIAL of an ESEARCH response: `(TAG "x") UID PARTIAL (1:50 12,11,9) COUNT 84`. */
export function readEsearch(attributes: unknown[]): { count: number; partial: number[] } {
  let count = 0;
  let partial: number[] = [];
  for (let i = 0; i < attributes.length; i++) {
    const name = attributeText(attributes[i]).toUpperCase();
    if (name === "COUNT") count = Number.parseInt(attributeText(attributes[i + 1]), 10) || 0;
    if (name === "PARTIAL") {
      const value = attributes[i + 1];
      const set = Array.isArray(value) ? attributeText(value[1]) : "";
      partial = set && set.toUpperCase() !== "NIL" ? expandSequenceSet(set) : [];
    }
  }
  return { count, partial };
}
