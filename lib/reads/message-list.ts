// Server-only (the server-only package is not installed).
import type { ImapFlow } from "imapflow";
import type { CurrentSession } from "@/lib/auth/current-session";
import { listMessagePage, type MessagePage } from "@/lib/mail/imap/message-list";
import { searchMessagePage } from "@/lib/mail/imap/search";
import type { SearchQuery } from "@/lib/mail/imap/search-query";
import type { SortKey } from "@/lib/mail/imap/sort";
import { listConversationPage, type ConversationPage } from "@/lib/mail/imap/threads";
import { isSearch } from "@/lib/search-params";
import { readFromMailbox } from "./mailbox-read";
import type { ReadResult } from "./read-result";
import { readUserSettings } from "./user-settings";

export interface MessageListRequest {
  folder: string;
  /** Zero-based. */
  page: number;
  sort: SortKey;
  query: SearchQuery;
}

export type Listing = { kind: "messages"; result: MessagePage } | { kind: "conversations"; result: ConversationPage };

export interface MessageListPage {
  listing: Listing;
  /** The folder's unread count, read after the listing so that it matches the rows. */
  unread: number;
  pageSize: number;
  conversationView: boolean;
}

const PAGE_SIZE = 50;

/**
 * One page of a folder: its messages, its conversations (when the reader groups them and sorts
 * by date) or the messages that match a search in it.
 */
export async function readMessageList(session: CurrentSession, request: MessageListRequest): Promise<ReadResult<MessageListPage, "mailbox">> {
  const { conversationView } = await readUserSettings(session.userId);
  const loaded = await readFromMailbox(session, (client) => loadListing(client, request, conversationView));
  return loaded.ok ? { ok: true, data: { ...loaded.data, pageSize: PAGE_SIZE, conversationView } } : loaded;
}

async function loadListing(client: ImapFlow, request: MessageListRequest, conversationView: boolean): Promise<{ listing: Listing; unread: number }> {
  let listing: Listing;
  try {
    listing = await listFolder(client, request, conversationView);
  } catch (error) {
    // Only now ask STATUS: for a folder that is gone it fails with NONEXISTENT, which a failed
    // SELECT doesn't say. Asking it up front cost every list a round trip.
    await client.status(request.folder, { messages: true });
    throw error;
  }
  // After the listing, which synced the folder's view, so the count matches the rows.
  const status = await client.status(request.folder, { unseen: true });
  return { listing, unread: status ? (status.unseen ?? 0) : 0 };
}

function listFolder(client: ImapFlow, { folder, page, sort, query }: MessageListRequest, conversationView: boolean): Promise<Listing> {
  const request = { page, pageSize: PAGE_SIZE, sort };
  if (isSearch(query)) return searchMessagePage(client, folder, query, request).then((result) => ({ kind: "messages", result }));
  if (conversationView && sort === "date") return listConversationPage(client, folder, request).then((result) => ({ kind: "conversations", result }));
  return listMessagePage(client, folder, request).then((result) => ({ kind: "messages", result }));
}
