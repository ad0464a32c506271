import type { ImapFlow } from "imapflow";
import { searchCompiler } from "imapflow/lib/search-compiler.js";
import { supportsFuzzySearch, withFuzzyText } from "./fuzzy-search";
import { fetchSummaries, lockUpToDate, type MessagePage, type PageRequest } from "./message-list";
import type { RawAttribute } from "./raw-command";
import { toSearchObject, type SearchQuery } from "./search-query";
import { sortedUidWindow } from "./sort";

/**
 * One page of a folder's search results. IMAP SEARCH criteria (compiled by imapflow's own
 * compiler) go into `UID SORT RETURN (COUNT PARTIAL m:n)`, so the server sends only the page's
 * UIDs and the count; without ESORT the matching UIDs are sliced (see sortedUidWindow). Where the
 * server has a full-text index (SEARCH=FUZZY), body text is asked for FUZZY so the index answers.
 */
export async function searchMessagePage(client: ImapFlow, folder: string, query: SearchQuery, request: PageRequest): Promise<MessagePage> {
  const { page, pageSize, sort } = request;
  const lock = await lockUpToDate(client, folder);
  try {
    const compiled = searchCompiler(client, toSearchObject(query)) as unknown as RawAttribute[];
    const criteria = supportsFuzzySearch(client) ? withFuzzyText(compiled) : compiled;
    const window = await sortedUidWindow(client, criteria, sort, page * pageSize, pageSize);
    return { folder, total: window.total, page, pageSize, sort, messages: await fetchSummaries(client, window.uids) };
  } finally {
    lock.release();
  }
}
