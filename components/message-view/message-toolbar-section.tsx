import { requireSession } from "@/lib/auth/current-session";
import { readFolderChoices } from "@/lib/reads/folder-choices";
import { MessageToolbar } from "./message-toolbar";

/** The open message's toolbar, with the folders it can be moved or copied to. */
export async function MessageToolbarSection(props: {
  folder: string;
  uid: number;
  conversationUids: number[];
  unread: boolean;
  flagged: boolean;
  listHref: string;
  afterMove: "next" | "list";
}) {
  const choices = await readFolderChoices(await requireSession());
  return (
    <MessageToolbar
      {...props}
      folders={choices.ok ? choices.data.folders.map((choice) => choice.path) : []}
      trash={choices.ok ? choices.data.trash : null}
      junk={choices.ok ? choices.data.junk : null}
    />
  );
}
