import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireSession } from "@/lib/auth/current-session";
import { readFolderChoices } from "@/lib/reads/folder-choices";
import { readMessageList, type MessageListRequest } from "@/lib/reads/message-list";
import type { MessageSummary } from "@/lib/mail/imap/message-list";
import { isSearch, searchQueryParams } from "@/lib/search-params";
import { TabTitle } from "@/components/live/tab-title";
import { ConversationToggle } from "./conversation-toggle";
import { folderDisplayName } from "./folder-name";
import { listHref, messageHref, type ListState } from "./hrefs";
import { MessageListActions, type ActionRowInfo, type ListNoun } from "./message-list-actions";
import { MessageListKeys } from "./message-list-keys";
import { MessageRow } from "./message-row";
import { SortSelect } from "./sort-select";

/** The folder's list: header with sort, conversation switch and paging, then "Messages". */
export async function MessageListSection(props: MessageListRequest) {
  const { folder, page, sort, query } = props;
  const session = await requireSession();
  const [result, choices] = await Promise.all([readMessageList(session, props), readFolderChoices(session)]);
  const t = await getTranslations("messageList");
  const name = folderDisplayName(folder, (await getTranslations("folders"))("inbox"));
  if (!result.ok) {
    return (
      <section aria-labelledby="folder-heading" className="p-6">
        <h1 id="folder-heading" className="mb-4 text-lg font-semibold">
          {name}
        </h1>
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-800">
          {result.error}
        </p>
        <Link href="/mail/INBOX" className="mt-4 inline-block text-sm text-sky-700 underline">
          {t("goToInbox")}
        </Link>
      </section>
    );
  }
  const { listing, unread, pageSize, conversationView } = result.data;
  const searching = isSearch(query);
  const state: ListState = { page, sort, search: searchQueryParams(query) };
  const total = listing.result.total;
  const rows = listing.kind === "conversations" ? listing.result.conversations.length : listing.result.messages.length;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = rows === 0 ? 0 : page * pageSize + 1;
  const last = page * pageSize + rows;
  const actionRows: ActionRowInfo[] =
    listing.kind === "conversations"
      ? listing.result.conversations.map((conversation) => ({
          ...rowInfo(folder, conversation.latest, state),
          uids: conversation.uids.length > 0 ? conversation.uids : [conversation.latest.uid],
          unread: conversation.unread > 0,
        }))
      : listing.result.messages.map((message) => rowInfo(folder, message, state));
  const noun: ListNoun = listing.kind === "conversations" && listing.result.method === "thread" ? "conversations" : searching ? "results" : "messages";
  return (
    <section aria-labelledby="folder-heading" className="flex flex-col">
      <TabTitle name={name} unread={unread} />
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 bg-white px-4 py-3">
        <h1 id="folder-heading" className="text-lg font-semibold">
          {searching ? t("searchResultsIn", { folder: name }) : name}
        </h1>
        <div className="flex flex-wrap items-center gap-3">
          <SortSelect folder={folder} sort={sort} search={state.search} />
          {searching ? null : <ConversationToggle enabled={conversationView} />}
          <nav aria-label={t("pages")} className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
            <span>{t("range", { first, last, total, noun })}</span>
            {page > 0 ? (
              <Link className="rounded-md px-2 py-1 hover:bg-slate-100" href={listHref(folder, { ...state, page: page - 1 })} rel="prev">
                {t("newer")}
              </Link>
            ) : null}
            {page + 1 < pages ? (
              <Link className="rounded-md px-2 py-1 hover:bg-slate-100" href={listHref(folder, { ...state, page: page + 1 })} rel="next">
                {t("older")}
              </Link>
            ) : null}
          </nav>
        </div>
      </div>
      {conversationView && sort !== "date" && !searching ? (
        <p className="border-b border-slate-100 bg-slate-50 px-4 py-1.5 text-xs text-slate-600">{t("groupedNote", { sort })}</p>
      ) : null}
      <MessageListActions
        folder={folder}
        search={state.search}
        rows={actionRows}
        total={total}
        noun={noun}
        folders={choices.ok ? choices.data.folders.map((choice) => choice.path) : []}
        trash={choices.ok ? choices.data.trash : null}
        junk={choices.ok ? choices.data.junk : null}
      >
        {rows === 0 ? (
          <p className="p-8 text-center text-slate-500">{searching ? t("noMatches") : t("empty")}</p>
        ) : (
          <MessageListKeys>
            <ul aria-label={t("messages")} className="divide-y divide-slate-100 bg-white">
              {listing.kind === "conversations"
                ? listing.result.conversations.map((conversation) => (
                    <MessageRow
                      key={conversation.latest.uid}
                      message={conversation.latest}
                      href={messageHref(folder, conversation.latest.uid, state)}
                      conversation={{ count: conversation.count, unread: conversation.unread }}
                      action={{ rowKey: rowKeyOf(folder, conversation.latest.uid), targets: [{ folder, uids: conversation.uids }] }}
                    />
                  ))
                : listing.result.messages.map((message) => (
                    <MessageRow
                      key={message.uid}
                      message={message}
                      href={messageHref(folder, message.uid, state)}
                      action={{ rowKey: rowKeyOf(folder, message.uid), targets: [{ folder, uids: [message.uid] }] }}
                    />
                  ))}
            </ul>
          </MessageListKeys>
        )}
      </MessageListActions>
    </section>
  );
}

function rowKeyOf(folder: string, uid: number): string {
  return `${uid}:${folder}`;
}

function rowInfo(folder: string, message: MessageSummary, state: ListState): ActionRowInfo {
  return { key: rowKeyOf(folder, message.uid), folder, uids: [message.uid], href: messageHref(folder, message.uid, state), unread: message.unread, flagged: message.flagged };
}
