import Link from "next/link";
import { notFound } from "next/navigation";
import { MailboxErrorAlert } from "@/components/app-shell/mailbox-error-alert";
import { requireSession } from "@/lib/auth/current-session";
import { withSessionMailbox } from "@/lib/auth/session-mailbox";
import { database } from "@/lib/db/database";
import { isSenderAllowed } from "@/lib/db/remote-content";
import { getUserSettings } from "@/lib/db/user-settings";
import { loadMessage, MessageNotFoundError, type LoadedMessage } from "@/lib/mail/imap/load-message";
import { toMessageViewData } from "@/lib/mail/message/body";
import { findConversation } from "@/lib/mail/imap/threads";
import { folderHref } from "@/components/messages/hrefs";
import { ConversationView, type ConversationEntry } from "./conversation-view";
import { MessageView } from "./message-view";
import { ReadingSettingsToggle } from "./reading-settings-toggle";
import { recordContacts } from "@/lib/db/contacts";

// A very long conversation shows its latest messages around the opened one.
const MAX_CONVERSATION = 30;

/** The message page's content: loads the message (and its conversation when the reader wants it). */
export async function MessageSection({ folder, uid, listQuery = "" }: { folder: string; uid: number; listQuery?: string }) {
  const session = await requireSession();
  const db = await database();
  const settings = await getUserSettings(db, session.userId);
  let messages: LoadedMessage[] | null = null;
  try {
    messages = await withSessionMailbox(session, async (client) => {
      const opened = await loadMessage(client, folder, uid, { markRead: settings.markReadOnOpen });
      if (!settings.conversationView) return [opened];
      const members = await findConversation(client, folder, uid).catch(() => []);
      if (members.length <= 1) return [opened];
      const loaded: LoadedMessage[] = [];
      for (const member of members.slice(-MAX_CONVERSATION)) {
        if (member.folder === folder && member.uid === uid) loaded.push(opened);
        else {
          const other = await loadMessage(client, member.folder, member.uid, { markRead: false }).catch(() => null);
          if (other) loaded.push(other);
        }
      }
      return loaded.includes(opened) ? loaded : [opened];
    });
  } catch (error) {
    if (!(error instanceof MessageNotFoundError)) {
      return <MailboxErrorAlert error={error} />;
    }
  }
  if (!messages) notFound();

  // Recipient autocomplete knows the people the user received mail from, too (address and name only).
  const sender = messages.find((message) => message.folder === folder && message.uid === uid)?.from[0];
  if (sender?.address && sender.address.toLowerCase() !== session.email) {
    await recordContacts(db, session.userId, [sender]).catch(() => undefined);
  }

  const entries: ConversationEntry[] = await Promise.all(
    messages.map(async (message) => {
      const sender = message.from[0]?.address ?? "";
      const remoteAllowed = await isSenderAllowed(db, session.userId, sender);
      return { message: toMessageViewData(message, { allowRemote: remoteAllowed }), remoteAllowed };
    }),
  );
  return (
    <div className="mx-auto max-w-5xl p-4 sm:p-6">
      <div className="mb-4 flex flex-wrap items-center gap-4">
        <Link href={`${folderHref(folder)}${listQuery ? `?${listQuery}` : ""}`} className="rounded-md px-2 py-1 text-sm font-medium text-slate-600 hover:bg-slate-100">
          ← Back to {folder.toUpperCase() === "INBOX" ? "Inbox" : folder}
        </Link>
        <div className="ml-auto">
          <ReadingSettingsToggle markReadOnOpen={settings.markReadOnOpen} conversationView={settings.conversationView} />
        </div>
      </div>
      {entries.length > 1 ? (
        <ConversationView entries={entries} opened={{ folder, uid }} />
      ) : (
        <MessageView message={entries[0]!.message} remoteAllowed={entries[0]!.remoteAllowed} />
      )}
    </div>
  );
}
