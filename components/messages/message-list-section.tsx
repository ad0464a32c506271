import Link from "next/link";
import { requireSession } from "@/lib/auth/current-session";
import { describeMailboxError } from "@/lib/auth/mailbox-error";
import { withSessionMailbox } from "@/lib/auth/session-mailbox";
import { listMessagePage, type MessagePage } from "@/lib/mail/message-list";
import { folderHref } from "./hrefs";
import { MessageRow } from "./message-row";

const PAGE_SIZE = 50;

export async function MessageListSection({ folder, page }: { folder: string; page: number }) {
  const session = await requireSession();
  let result: MessagePage;
  try {
    result = await withSessionMailbox(session, (client) => listMessagePage(client, folder, { page, pageSize: PAGE_SIZE, sort: "date" }));
  } catch (error) {
    return (
      <p role="alert" className="m-6 rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-800">
        {describeMailboxError(error)}
      </p>
    );
  }
  const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  const first = result.total === 0 ? 0 : page * PAGE_SIZE + 1;
  const last = Math.min(result.total, (page + 1) * PAGE_SIZE);
  return (
    <section aria-labelledby="folder-heading" className="flex h-full flex-col">
      <div className="flex items-center justify-between border-b border-slate-200 bg-white px-4 py-3">
        <h1 id="folder-heading" className="text-lg font-semibold">
          {folder.toUpperCase() === "INBOX" ? "Inbox" : folder}
        </h1>
        <nav aria-label="Pages" className="flex items-center gap-2 text-sm text-slate-600">
          <span>
            {first}–{last} of {result.total.toLocaleString("en")}
          </span>
          {page > 0 ? (
            <Link className="rounded-md px-2 py-1 hover:bg-slate-100" href={folderHref(folder, page - 1)} rel="prev">
              Newer
            </Link>
          ) : null}
          {page + 1 < pages ? (
            <Link className="rounded-md px-2 py-1 hover:bg-slate-100" href={folderHref(folder, page + 1)} rel="next">
              Older
            </Link>
          ) : null}
        </nav>
      </div>
      {result.messages.length === 0 ? (
        <p className="p-8 text-center text-slate-500">No messages here.</p>
      ) : (
        <ul aria-label="Messages" className="divide-y divide-slate-100 bg-white">
          {result.messages.map((message) => (
            <MessageRow key={message.uid} message={message} />
          ))}
        </ul>
      )}
    </section>
  );
}
