"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition, type FormEvent, type ReactNode } from "react";
import { createFolderAction, deleteFolderAction, emptyFolderAction, moveFolderAction, renameFolderAction } from "@/lib/actions/folders";
import type { ActionResult } from "@/lib/actions/result";
import type { ManagedFolder } from "@/lib/mail/imap/folder-admin";
import { runAction } from "@/components/run-action";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button-class";
import { Field, INPUT_CLASS } from "@/components/ui/field";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { folderLabel } from "./folder-manager-labels";

interface DialogProps {
  onClose: () => void;
  /** Called with words for the reader once the change is made. */
  onDone: (notice: string) => void;
}

/** The dialogs' shared state: one action at a time, its error kept until the next try. */
function useFolderAction() {
  const [failure, setFailure] = useState<{ error: string; fieldErrors?: Record<string, string[]> } | null>(null);
  const [pending, startTransition] = useTransition();
  const submit = <T,>(action: () => Promise<ActionResult<T>>, onSuccess: (data: T) => void) =>
    startTransition(async () => {
      const result = await runAction(action);
      if (result.ok) onSuccess(result.data);
      else setFailure({ error: result.error, fieldErrors: result.fieldErrors });
    });
  return { failure, pending, submit };
}

function DialogButtons({
  onClose,
  pending,
  submitLabel,
  danger = false,
  cancelFirst = false,
}: {
  onClose: () => void;
  pending: boolean;
  submitLabel: string;
  danger?: boolean;
  cancelFirst?: boolean;
}) {
  const t = useTranslations("settings.folders.dialogs");
  return (
    <div className="mt-5 flex justify-end gap-2">
      <button type="button" onClick={onClose} data-autofocus={cancelFirst ? "" : undefined} className={buttonClass("secondary")}>
        {t("cancel")}
      </button>
      <button type="submit" disabled={pending} className={buttonClass(danger ? "danger" : "primary")}>
        {submitLabel}
      </button>
    </div>
  );
}

function DialogForm({ onSubmit, children }: { onSubmit: () => void; children: ReactNode }) {
  return (
    <form
      className="mt-4 space-y-4"
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      {children}
    </form>
  );
}

/** Folders a folder may go into: those that can hold subfolders, minus `except` and everything inside it. */
function parentChoices(folders: ManagedFolder[], except?: ManagedFolder): ManagedFolder[] {
  return folders.filter((folder) => folder.canHaveChildren && (!except || (folder.path !== except.path && !folder.path.startsWith(`${except.path}${except.delimiter}`))));
}

function ParentSelect({
  label,
  choices,
  value,
  onChange,
  errors,
}: {
  label: string;
  choices: ManagedFolder[];
  value: string;
  onChange: (value: string) => void;
  errors?: string[];
}) {
  const t = useTranslations("settings.folders.dialogs");
  return (
    <Field label={label} errors={errors}>
      {(control) => (
        <select {...control} value={value} onChange={(event) => onChange(event.target.value)} className={INPUT_CLASS}>
          <option value="">{t("topLevel")}</option>
          {choices.map((folder) => (
            <option key={folder.path} value={folder.path}>
              {folderLabel(folder)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function CreateFolderDialog({ folders, onClose, onDone }: DialogProps & { folders: ManagedFolder[] }) {
  const t = useTranslations("settings.folders.dialogs");
  const [name, setName] = useState("");
  const [parent, setParent] = useState("");
  const { failure, pending, submit } = useFolderAction();
  return (
    <ModalDialog title={t("createTitle")} onClose={onClose}>
      <DialogForm
        onSubmit={() =>
          submit(
            () => createFolderAction({ parent: parent || null, name }),
            () => onDone(t("created", { folder: name.trim() })),
          )
        }
      >
        {failure ? <Alert tone="error">{failure.error}</Alert> : null}
        <Field label={t("folderName")} errors={failure?.fieldErrors?.name}>
          {(control) => <input {...control} data-autofocus="" value={name} onChange={(event) => setName(event.target.value)} maxLength={200} required className={INPUT_CLASS} />}
        </Field>
        <ParentSelect label={t("inside")} choices={parentChoices(folders)} value={parent} onChange={setParent} errors={failure?.fieldErrors?.parent} />
        <DialogButtons onClose={onClose} pending={pending} submitLabel={t("create")} />
      </DialogForm>
    </ModalDialog>
  );
}

export function RenameFolderDialog({ folder, onClose, onDone }: DialogProps & { folder: ManagedFolder }) {
  const t = useTranslations("settings.folders.dialogs");
  const [name, setName] = useState(folder.name);
  const { failure, pending, submit } = useFolderAction();
  return (
    <ModalDialog title={t("renameTitle", { folder: folder.name })} onClose={onClose}>
      <DialogForm
        onSubmit={() =>
          submit(
            () => renameFolderAction({ path: folder.path, name }),
            () => onDone(t("renamed", { folder: folder.name, name: name.trim() })),
          )
        }
      >
        {failure ? <Alert tone="error">{failure.error}</Alert> : null}
        <Field label={t("newName")} errors={failure?.fieldErrors?.name}>
          {(control) => <input {...control} data-autofocus="" value={name} onChange={(event) => setName(event.target.value)} maxLength={200} required className={INPUT_CLASS} />}
        </Field>
        <DialogButtons onClose={onClose} pending={pending} submitLabel={t("rename")} />
      </DialogForm>
    </ModalDialog>
  );
}

export function MoveFolderDialog({ folder, folders, onClose, onDone }: DialogProps & { folder: ManagedFolder; folders: ManagedFolder[] }) {
  const t = useTranslations("settings.folders.dialogs");
  const current = folder.parents.length > 0 ? folder.path.slice(0, folder.path.length - folder.name.length - folder.delimiter.length) : "";
  const [parent, setParent] = useState(current);
  const { failure, pending, submit } = useFolderAction();
  const choices = parentChoices(folders, folder);
  return (
    <ModalDialog title={t("moveTitle", { folder: folderLabel(folder) })} description={t("moveDescription")} onClose={onClose}>
      <DialogForm
        onSubmit={() =>
          submit(
            () => moveFolderAction({ path: folder.path, parent: parent || null }),
            () =>
              onDone(
                parent
                  ? t("movedInto", { folder: folder.name, parent: folderLabel(choices.find((choice) => choice.path === parent) ?? folder) })
                  : t("movedToTop", { folder: folder.name }),
              ),
          )
        }
      >
        {failure ? <Alert tone="error">{failure.error}</Alert> : null}
        <ParentSelect label={t("moveInto")} choices={choices} value={parent} onChange={setParent} errors={failure?.fieldErrors?.parent} />
        <DialogButtons onClose={onClose} pending={pending} submitLabel={t("move")} />
      </DialogForm>
    </ModalDialog>
  );
}

export function DeleteFolderDialog({ folder, onClose, onDone }: DialogProps & { folder: ManagedFolder }) {
  const t = useTranslations("settings.folders.dialogs");
  const { failure, pending, submit } = useFolderAction();
  const label = folderLabel(folder);
  const warning =
    folder.messages > 0 ? (folder.unread > 0 ? t("holdsWithUnread", { count: folder.messages, unread: folder.unread }) : t("holds", { count: folder.messages })) : t("isEmpty");
  return (
    <ModalDialog role="alertdialog" title={t("deleteTitle", { folder: label })} description={warning} onClose={onClose}>
      <DialogForm
        onSubmit={() =>
          submit(
            () => deleteFolderAction({ path: folder.path, confirmedMessages: folder.messages }),
            () => onDone(t("deleted", { folder: label })),
          )
        }
      >
        {failure ? <Alert tone="error">{failure.error}</Alert> : null}
        <DialogButtons onClose={onClose} pending={pending} submitLabel={t("delete")} danger cancelFirst />
      </DialogForm>
    </ModalDialog>
  );
}

export function EmptyFolderDialog({ folder, onClose, onDone }: DialogProps & { folder: ManagedFolder & { specialUse: "\\Trash" | "\\Junk" } }) {
  const t = useTranslations("settings.folders.dialogs");
  const { failure, pending, submit } = useFolderAction();
  return (
    <ModalDialog
      role="alertdialog"
      title={t("emptyTitle", { folder: folder.name })}
      description={t("emptyDescription", { count: folder.messages, folder: folder.name })}
      onClose={onClose}
    >
      <DialogForm
        onSubmit={() =>
          submit(
            () => emptyFolderAction({ folder: folder.specialUse === "\\Trash" ? "trash" : "junk" }),
            ({ deleted }) => onDone(t("emptied", { count: deleted, folder: folder.name })),
          )
        }
      >
        {failure ? <Alert tone="error">{failure.error}</Alert> : null}
        <DialogButtons onClose={onClose} pending={pending} submitLabel={t("empty", { folder: folder.name })} danger cancelFirst />
      </DialogForm>
    </ModalDialog>
  );
}
