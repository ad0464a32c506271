"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { ActionKeys } from "@/components/messages/action-keys";
import { ConfirmDialog } from "@/components/messages/confirm-dialog";
import { FolderPickerDialog } from "@/components/messages/folder-picker-dialog";
import { nextInList } from "@/components/messages/list-order";
import { removesFromFolder, runMessageOperation, undoLastMessageOperation, type MessageOperation } from "@/components/messages/message-action-runner";
import { setMessageCommands } from "@/components/messages/message-commands";
import { UndoToast } from "@/components/messages/undo-toast";
import { useEffect } from "react";

interface Props {
  folder: string;
  uid: number;
  /** The conversation's messages in this folder (the open one among them): moves and read/unread act on all of them. */
  conversationUids: number[];
  unread: boolean;
  flagged: boolean;
  folders: string[];
  trash: string | null;
  junk: string | null;
  /** The list this message was opened from (its page, sort and search). */
  listHref: string;
  /** After the message leaves the folder: open the next one of the list, or go back to the list (a reading setting). */
  afterMove: "next" | "list";
}

const BUTTON = "rounded-md border border-slate-300 px-2.5 py-1 text-sm font-medium text-slate-700 hover:bg-slate-100 disabled:opacity-50";

/**
 * Actions on the open message: Archive, Delete (forever, after a confirmation, in Trash), Move to…,
 * Copy to…, read/unread, star, junk. After the message leaves the folder the next one of the list
 * opens (or the list, when there is none or the reader chose the list); Undo stays offered there.
 */
export function MessageToolbar({ folder, uid, conversationUids, unread: initialUnread, flagged: initialFlagged, folders, trash, junk, listHref, afterMove }: Props) {
  const router = useRouter();
  const t = useTranslations("messageView.toolbar");
  const [unread, setUnread] = useState(initialUnread);
  const [flagged, setFlagged] = useState(initialFlagged);
  const [busy, setBusy] = useState(false);
  const [picker, setPicker] = useState<"move" | "copy" | null>(null);
  const [confirming, setConfirming] = useState(false);
  const inTrash = folder === trash;
  const inJunk = folder === junk;

  async function act(operation: MessageOperation, destination: string | null = null) {
    if (busy) return;
    if ((operation === "move" || operation === "copy") && !destination) return setPicker(operation);
    if (operation === "delete" && inTrash && !confirming) return setConfirming(true);
    setConfirming(false);
    const previous = { unread, flagged };
    if (operation === "star" || operation === "unstar") setFlagged(operation === "star");
    if (operation === "read" || operation === "unread") setUnread(operation === "unread");
    setBusy(true);
    // Like Gmail: a conversation is archived, moved or marked as a whole; the star goes on the open message.
    const uids = operation === "star" || operation === "unstar" ? [uid] : conversationUids;
    const result = await runMessageOperation(operation, [{ folder, uids }], destination);
    setBusy(false);
    if (!result.ok) {
      setUnread(previous.unread);
      setFlagged(previous.flagged);
      return;
    }
    if (removesFromFolder(operation, folder, junk)) {
      router.push((afterMove === "next" ? nextInList(window.location.pathname + window.location.search) : null) ?? listHref);
    } else router.refresh();
  }

  const handlers = {
    archive: () => void act("archive"),
    delete: () => void act("delete"),
    star: () => void act(flagged ? "unstar" : "star"),
    read: () => void act("read"),
    unread: () => void act("unread"),
    move: () => void act("move"),
    copy: () => void act("copy"),
    junk: () => void act(inJunk ? "notJunk" : "junk"),
    undo: () => void undoLastMessageOperation().then((undone) => undone && router.refresh()),
  };

  useEffect(() => {
    setMessageCommands([
      { id: "archive", label: t("archive"), shortcut: "e", run: handlers.archive },
      { id: "delete", label: inTrash ? t("deleteForever") : t("delete"), shortcut: "#", run: handlers.delete },
      { id: "star", label: flagged ? t("unstar") : t("star"), shortcut: "s", run: handlers.star },
      { id: "read", label: t("read"), shortcut: "Shift+I", run: handlers.read },
      { id: "unread", label: t("unread"), shortcut: "Shift+U", run: handlers.unread },
      { id: "move", label: t("move"), shortcut: "v", run: handlers.move },
      { id: "copy", label: t("copy"), shortcut: "l", run: handlers.copy },
      { id: "junk", label: inJunk ? t("notJunk") : t("junk"), shortcut: "!", run: handlers.junk },
      { id: "undo", label: t("undo"), shortcut: "z", run: handlers.undo },
    ]);
    return () => setMessageCommands([]);
  });

  return (
    <div role="toolbar" aria-label={t("label")} className="mb-4 flex flex-wrap items-center gap-1.5">
      <ActionKeys handlers={handlers} />
      <button type="button" className={BUTTON} disabled={busy} onClick={handlers.archive}>
        {t("archive")}
      </button>
      <button type="button" className={BUTTON} disabled={busy} onClick={handlers.delete}>
        {inTrash ? t("deleteForever") : t("delete")}
      </button>
      <button type="button" className={BUTTON} disabled={busy} onClick={handlers.move}>
        {t("move")}
      </button>
      <button type="button" className={BUTTON} disabled={busy} onClick={handlers.copy}>
        {t("copy")}
      </button>
      <button type="button" className={BUTTON} disabled={busy} onClick={unread ? handlers.read : handlers.unread}>
        {unread ? t("read") : t("unread")}
      </button>
      <button type="button" className={BUTTON} disabled={busy} onClick={handlers.star}>
        {flagged ? t("unstar") : t("star")}
      </button>
      <button type="button" className={BUTTON} disabled={busy} onClick={handlers.junk}>
        {inJunk ? t("notJunk") : t("junk")}
      </button>
      <FolderPickerDialog
        title={picker === "copy" ? t("copyTitle") : t("moveTitle")}
        folders={folders}
        current={folder}
        open={picker !== null}
        onClose={() => setPicker(null)}
        onChoose={(destination) => {
          const operation = picker;
          setPicker(null);
          if (operation) void act(operation, destination);
        }}
      />
      <ConfirmDialog
        open={confirming}
        title={t("confirmTitle")}
        text={t("confirmText")}
        confirmLabel={t("deleteForever")}
        onClose={() => setConfirming(false)}
        onConfirm={() => void act("delete")}
      />
      <UndoToast />
    </div>
  );
}
