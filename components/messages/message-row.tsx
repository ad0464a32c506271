import type { MessageSummary } from "@/lib/mail/message-list";
import { MessageDate } from "./message-date";

export function MessageRow({ message }: { message: MessageSummary }) {
  const sender = message.from?.name || message.from?.address || "(no sender)";
  const subject = message.subject || "(no subject)";
  const label = `${message.unread ? "Unread, " : ""}${message.flagged ? "starred, " : ""}from ${sender}, ${subject}${
    message.hasAttachments ? ", has attachments" : ""
  }`;
  return (
    <li aria-label={label} className={`flex items-center gap-3 px-4 py-2.5 text-sm ${message.unread ? "bg-white" : "bg-slate-50/60"}`}>
      <span className={`w-48 shrink-0 truncate ${message.unread ? "font-semibold text-slate-900" : "text-slate-700"}`}>{sender}</span>
      <span className={`min-w-0 flex-1 truncate ${message.unread ? "font-semibold text-slate-900" : "text-slate-700"}`}>{subject}</span>
      {message.hasAttachments ? <span aria-hidden="true" title="Has attachments">📎</span> : null}
      {message.flagged ? <span aria-hidden="true" className="text-amber-500" title="Starred">★</span> : null}
      <MessageDate iso={message.date} />
    </li>
  );
}
