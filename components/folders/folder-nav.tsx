import { getCurrentSession } from "@/lib/auth/current-session";
import { describeMailboxError } from "@/lib/auth/mailbox-error";
import { withSessionMailbox } from "@/lib/auth/session-mailbox";
import { listFolderTree, type FolderNode } from "@/lib/mail/imap/folders";
import { FolderList } from "./folder-list";

export async function FolderNav() {
  const session = await getCurrentSession();
  if (!session) return null;
  let folders: FolderNode[];
  try {
    folders = await withSessionMailbox(session, (client) => listFolderTree(client));
  } catch (error) {
    return (
      <nav aria-label="Folders" className="p-2">
        <p role="alert" className="text-sm text-red-700">
          {describeMailboxError(error)}
        </p>
      </nav>
    );
  }
  return <FolderList folders={folders} />;
}
