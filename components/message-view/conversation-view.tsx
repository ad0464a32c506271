import { useTranslations } from "next-intl";
import type { RenderedView } from "@/lib/reads/rendered-message";
import { LocalDateTime } from "./local-date-time";
import { MessageView } from "./message-view";

/** A conversation, oldest first: each message folds, the one the reader opened is unfolded. */
export function ConversationView({ entries, opened }: { entries: RenderedView[]; opened: { folder: string; uid: number } }) {
  const t = useTranslations("messageView");
  const subject = entries.find((entry) => isOpened(entry, opened))?.message.subject || entries[0]?.message.subject || t("noSubject");
  return (
    <section aria-labelledby="conversation-heading">
      <h1 id="conversation-heading" className="mb-1 text-xl font-semibold break-words">
        {subject}
      </h1>
      <p className="mb-4 text-sm text-slate-500">{t("conversation", { count: entries.length })}</p>
      <ol className="space-y-2">
        {entries.map((entry) => {
          const { message } = entry;
          const sender = message.from?.name || message.from?.address || t("noSender");
          return (
            <li key={`${message.folder}:${message.uid}`}>
              <details open={isOpened(entry, opened)} className="group rounded-xl border border-slate-200 bg-white">
                <summary className="flex cursor-pointer items-center gap-3 px-4 py-2.5 text-sm">
                  <span className={`min-w-0 flex-1 truncate ${message.wasUnread ? "font-semibold" : ""}`}>{sender}</span>
                  <span className="text-xs text-slate-500">
                    <LocalDateTime iso={message.date} />
                  </span>
                </summary>
                <div className="border-t border-slate-100 p-2">
                  <MessageView message={message} remoteAllowed={entry.remoteAllowed} headingLevel={2} sender={entry.sender} folded={!isOpened(entry, opened)} />
                </div>
              </details>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function isOpened(entry: RenderedView, opened: { folder: string; uid: number }): boolean {
  return entry.message.folder === opened.folder && entry.message.uid === opened.uid;
}
