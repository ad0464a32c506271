import { notFound } from "next/navigation";
import { MailboxErrorAlert } from "@/components/app-shell/mailbox-error-alert";
import { requireSession } from "@/lib/auth/current-session";
import { withSessionMailbox } from "@/lib/auth/session-mailbox";
import { database } from "@/lib/db/database";
import { isSenderAllowed } from "@/lib/db/remote-content";
import { loadMessage, MessageNotFoundError, type LoadedMessage } from "@/lib/mail/imap/load-message";
import { toMessageViewData } from "@/lib/mail/message/body";
import { MessageView } from "./message-view";
import { PrintButton } from "./print-button";

/** The print view's content: the message alone, with a Print button that is itself not printed. */
export async function MessagePrintSection({ folder, uid }: { folder: string; uid: number }) {
  const session = await requireSession();
  let message: LoadedMessage | null = null;
  try {
    message = await withSessionMailbox(session, (client) => loadMessage(client, folder, uid, { markRead: false }));
  } catch (error) {
    if (!(error instanceof MessageNotFoundError)) {
      return <MailboxErrorAlert error={error} />;
    }
  }
  if (!message) notFound();
  const remoteAllowed = await isSenderAllowed(await database(), session.userId, message.from[0]?.address ?? "");
  return (
    <div className="mx-auto max-w-4xl bg-white p-6 print:p-0">
      <div className="mb-4 flex justify-end print:hidden">
        <PrintButton />
      </div>
      <MessageView message={toMessageViewData(message, { allowRemote: remoteAllowed })} remoteAllowed={remoteAllowed} printing />
    </div>
  );
}
