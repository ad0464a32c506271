import Link from "next/link";
import type { ImapFlow } from "imapflow";
import { requireSession } from "@/lib/auth/current-session";
import { describeMailboxError } from "@/lib/auth/mailbox-error";
import { withSessionMailbox } from "@/lib/auth/session-mailbox";
import { database } from "@/lib/db/database";
import { getUserSettings } from "@/lib/db/user-settings";
import { listMessagePage, type MessagePage } from "@/lib/mail/imap/message-list";
import { searchMessagePage } from "@/lib/mail/imap/search";
import { isSearch, searchQueryParams, type SearchQuery } from "@/lib/mail/imap/search-query";
import type { SortKey } from "@/lib/mail/imap/sort";
import { listConversationPage, type ConversationPage } from "@/lib/mail/imap/threads";
import { TabTitle } from "@/components/live/tab-title";
import { ConversationToggle } from "./conversation-toggle";
import { folderDisplayName } from "./folder-name";
import { listHref, messageHref, type ListState } from "./hrefs";
import { MessageListKeys } from "./message-list-keys";
import { MessageRow } from "./message-row";
import { SortSelect } from "./sort-select";

const PAGE_SIZE = 50;

interface Props {
  folder: string;
  /** Zero-based. */
  page: number;
  sort: SortKey;
  query: SearchQuery;
}

type Listing = { kind: "messages"; result: MessagePage } | { kind: "conversations"; result: ConversationPage };

async function loadListing(client: ImapFlow, { folder, page, sort, query }: Props, conversationView: boolean): Promise<{ listing: Listing; unread: number }> {
  // STATUS first: for a folder that is gone it fails with NONEXISTENT, which SELECT doesn't say.
  await client.status(folder, { messages: true });
  const request = { page, pageSize: PAGE_SIZE, sort };
  let listing: Listing;
  if (isSearch(query)) listing = { kind: "messages", result: await searchMessagePage(client, folder, query, request) };
  else if (conversationView && sort === "date") listing = { kind: "conversations", result: await listConversationPage(client, folder, request) };
  else listing = { kind: "messages", result: await listMessagePage(client, folder, request) };
  // After the listing, which synced the folder's view, so the count matches the rows.
  const status = await client.status(folder, { unseen: true });
  return { listing, unread: status ? (status.unseen ?? 0) : 0 };
}

/** The folder's list: header with sort, conversation switch and paging, then "Messages". */
export async function MessageListSection(props: Props) {
  const { folder, page, sort, query } = props;
  const session = await requireSession();
  const { conversationView } = await getUserSettings(await database(), session.userId);
  const name = folderDisplayName(folder);
  let loaded: { listing: Listing; unread: number };
  try {
    loaded = await withSessionMailbox(session, (client) => loadListing(client, props, conversationView));
  } catch (error) {
    return (
      <section aria-labelledby="folder-heading" className="p-6">
        <h1 id="folder-heading" className="mb-4 text-lg font-semibold">
          {name}
        </h1>
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-800">
          {describeMailboxError(error)}
        </p>
        <Link href="/mail/INBOX" className="mt-4 inline-block text-sm text-sky-700 underline">
          Go to Inbox
        </Link>
      </section>
    );
  }
  const { listing, unread } = loaded;
  const searching = isSearch(query);
  const state: ListState = { page, sort, search: searchQueryParams(query) };
  const total = listing.result.total;
  const rows = listing.kind === "conversations" ? listing.result.conversations.length : listing.result.messages.length;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const first = rows === 0 ? 0 : page * PAGE_SIZE + 1;
  const last = page * PAGE_SIZE + rows;
  const noun = listing.kind === "conversations" && listing.result.method === "thread" ? "conversations" : searching ? "results" : "messages";
  return (
    <section aria-labelledby="folder-heading" className="flex flex-col">
      <TabTitle name={name} unread={unread} />
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 bg-white px-4 py-3">
        <h1 id="folder-heading" className="text-lg font-semibold">
          {searching ? `Search results in ${name}` : name}
        </h1>
        <div className="flex flex-wrap items-center gap-3">
          <SortSelect folder={folder} sort={sort} search={state.search} />
          {searching ? null : <ConversationToggle enabled={conversationView} />}
          <nav aria-label="Pages" className="flex items-center gap-2 text-sm text-slate-600">
            <span>
              {first.toLocaleString("en")}–{last.toLocaleString("en")} of {total.toLocaleString("en")} {noun}
            </span>
            {page > 0 ? (
              <Link className="rounded-md px-2 py-1 hover:bg-slate-100" href={listHref(folder, { ...state, page: page - 1 })} rel="prev">
                Newer
              </Link>
            ) : null}
            {page + 1 < pages ? (
              <Link className="rounded-md px-2 py-1 hover:bg-slate-100" href={listHref(folder, { ...state, page: page + 1 })} rel="next">
                Older
              </Link>
            ) : null}
          </nav>
        </div>
      </div>
      {conversationView && sort !== "date" && !searching ? (
        <p className="border-b border-slate-100 bg-slate-50 px-4 py-1.5 text-xs text-slate-600">
          Conversations are grouped in date order; sorted by {sort}, each message has its own row.
        </p>
      ) : null}
      {rows === 0 ? (
        <p className="p-8 text-center text-slate-500">{searching ? "No messages match this search." : "No messages here."}</p>
      ) : (
        <MessageListKeys>
          <ul aria-label="Messages" className="divide-y divide-slate-100 bg-white">
            {listing.kind === "conversations"
              ? listing.result.conversations.map((conversation) => (
                  <MessageRow
                    key={conversation.latest.uid}
                    message={conversation.latest}
                    href={messageHref(folder, conversation.latest.uid, state)}
                    conversation={{ count: conversation.count, unread: conversation.unread }}
                  />
                ))
              : listing.result.messages.map((message) => (
                  <MessageRow key={message.uid} message={message} href={messageHref(folder, message.uid, state)} />
                ))}
          </ul>
        </MessageListKeys>
      )}
    </section>
  );
}
