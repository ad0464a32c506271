import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { MailboxErrorAlert } from "@/components/app-shell/mailbox-error-alert";
import { folderDisplayName } from "@/components/messages/folder-name";
import { folderHref } from "@/components/messages/hrefs";
import { requireSession } from "@/lib/auth/current-session";
import { readMessageView } from "@/lib/reads/message-view";
import { ConversationView } from "./conversation-view";
import { MessageNeighbours } from "./message-neighbours";
import { MessageOpened } from "./message-opened";
import { MessageToolbarSection } from "./message-toolbar-section";
import { MessageView } from "./message-view";
import { ReadingSettingsToggle } from "./reading-settings-toggle";

/** The message page's content: the message, or its conversation when the reader wants it. */
export async function MessageSection({ folder, uid, listQuery = "" }: { folder: string; uid: number; listQuery?: string }) {
  const result = await readMessageView(await requireSession(), { folder, uid });
  if (!result.ok && result.code === "not-found") notFound();
  if (!result.ok) return <MailboxErrorAlert message={result.error} />;
  const { entries, markReadOnOpen, conversationView, afterMove } = result.data;
  const opened = (entries.find((entry) => entry.message.folder === folder && entry.message.uid === uid) ?? entries[0]!).message;
  const listHref = `${folderHref(folder)}${listQuery ? `?${listQuery}` : ""}`;
  const t = await getTranslations("messageView");
  const tFolders = await getTranslations("folders");
  return (
    <div className="mx-auto max-w-5xl p-4 sm:p-6">
      <div className="mb-4 flex flex-wrap items-center gap-4">
        <Link
          href={`${folderHref(folder)}${listQuery ? `?${listQuery}` : ""}`}
          className="inline-flex min-h-11 items-center rounded-md px-2 py-1 text-sm font-medium text-slate-600 hover:bg-slate-100 md:min-h-0"
        >
          <span aria-hidden="true">{"←\u00a0"}</span>
          {t("back", { folder: folderDisplayName(folder, tFolders("inbox")) })}
        </Link>
        <div className="ml-auto">
          <ReadingSettingsToggle markReadOnOpen={markReadOnOpen} conversationView={conversationView} afterMove={afterMove} />
        </div>
      </div>
      <MessageToolbarSection
        folder={folder}
        uid={uid}
        conversationUids={entries.filter((entry) => entry.message.folder === folder).map((entry) => entry.message.uid)}
        unread={opened.unread}
        flagged={opened.flagged}
        listHref={listHref}
        afterMove={afterMove}
      />
      <MessageOpened folder={folder} uid={uid} />
      <MessageNeighbours />
      {entries.length > 1 ? (
        <ConversationView entries={entries} opened={{ folder, uid }} />
      ) : (
        <MessageView message={entries[0]!.message} remoteAllowed={entries[0]!.remoteAllowed} sender={entries[0]!.sender} />
      )}
    </div>
  );
}
