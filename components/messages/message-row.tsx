"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import type { MessageSummary } from "@/lib/mail/imap/message-list";
import { MessageDate } from "./message-date";
import { LineIcon } from "@/components/icons/line-icon";
import { ActionRow } from "./action-row";
import { RowOpening } from "./row-opening";

interface Props {
  message: MessageSummary;
  href: string;
  /** For a conversation row: its size and unread messages. */
  conversation?: { count: number; unread: number };
  /** Shown in all-folder search results. */
  folderName?: string;
  /** In a list with actions: the row's key there, and the messages a drag of it carries (a conversation's). */
  action?: { rowKey: string; targets: { folder: string; uids: number[] }[] };
}

/**
 * One row of "Messages": a link named by its state, sender and subject. A client component, so
 * that a list page sends each row's data, not its rendered markup with the same long class names
 * fifty times (the list's RSC payload was ~2.4 KB a row).
 */
export function MessageRow({ message, href, conversation, folderName, action }: Props) {
  const t = useTranslations("messageList.row");
  const sender = message.from?.name || message.from?.address || t("noSender");
  const subject = message.subject || t("noSubject");
  const unread = conversation ? conversation.unread > 0 : message.unread;
  const state = [
    unread ? (conversation && conversation.unread > 1 ? t("unreadCount", { count: conversation.unread }) : t("unread")) : "",
    conversation && conversation.count > 1 ? t("conversationOf", { count: conversation.count }) : "",
    message.flagged ? t("starred") : "",
    message.hasAttachments ? t("hasAttachments") : "",
  ].filter(Boolean);
  const from = folderName ? t("fromIn", { sender, subject, folder: folderName }) : t("from", { sender, subject });
  const label = [...state, from].join(", ");
  // In a list with actions the row's marks follow its data-unread / data-flagged, so that an
  // optimistic Star or Mark as unread shows at once; elsewhere they are the server's.
  const strong = action
    ? "text-slate-700 group-data-[unread=true]/row:font-semibold group-data-[unread=true]/row:text-slate-900"
    : unread
      ? "font-semibold text-slate-900"
      : "text-slate-700";
  const background = action ? "bg-slate-50/60 group-data-[unread=true]/row:bg-white" : unread ? "bg-white" : "bg-slate-50/60";
  const dot = action ? "bg-transparent group-data-[unread=true]/row:bg-sky-600" : unread ? "bg-sky-600" : "bg-transparent";
  return (
    <ActionRow action={action} selectLabel={t("select", { sender, subject })}>
      <Link
        href={href}
        // Not prefetched: a message page is all dynamic (no loading skeleton), so a prefetch would only
        // ask the server for its route, once for every row on screen. An open message prefetches its
        // neighbours whole instead (MessageNeighbours).
        prefetch={false}
        aria-label={label}
        data-message-row=""
        data-message-targets={action && action.targets[0]!.uids.length > 1 ? JSON.stringify(action.targets) : undefined}
        className={`flex flex-wrap items-center gap-x-3 gap-y-0.5 px-4 py-2.5 text-sm md:flex-nowrap outline-offset-[-2px] hover:bg-sky-50 focus-visible:bg-sky-50 ${background}`}
      >
        <span aria-hidden="true" data-unread-mark="" className={`h-2 w-2 shrink-0 rounded-full ${dot}`} />
        <span className={`min-w-0 flex-1 truncate md:w-48 md:flex-none md:shrink-0 ${strong}`}>{sender}</span>
        {conversation && conversation.count > 1 ? <span className="shrink-0 rounded bg-slate-200 px-1.5 text-xs text-slate-700">{conversation.count}</span> : null}
        {/* On phones: sender and date, then the subject, then the preview, each on its own line. */}
        <span className="order-last w-full min-w-0 truncate pl-5 md:order-none md:w-auto md:flex-1 md:pl-0">
          <span className={`block truncate md:inline ${strong}`}>{subject}</span>
          {message.preview ? (
            <span className="block truncate text-slate-500 md:inline">
              <span className="hidden md:inline"> — </span>
              {message.preview}
            </span>
          ) : null}
        </span>
        {folderName ? <span className="shrink-0 rounded bg-slate-100 px-1.5 text-xs text-slate-600">{folderName}</span> : null}
        {message.hasAttachments ? (
          <span title={t("hasAttachmentsTitle")} className="shrink-0 text-slate-500">
            <LineIcon name="paperclip" />
          </span>
        ) : null}
        {message.flagged || action ? (
          <span aria-hidden="true" data-star-mark="" className={`text-amber-500 ${action ? "hidden group-data-[flagged=true]/row:inline" : ""}`} title={t("starredTitle")}>
            ★
          </span>
        ) : null}
        <RowOpening />
        <MessageDate iso={message.date} />
      </Link>
    </ActionRow>
  );
}
