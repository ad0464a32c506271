"use client";

import { useState, useTransition, type FormEvent, type ReactNode } from "react";
import { createFolderAction, deleteFolderAction, emptyFolderAction, moveFolderAction, renameFolderAction } from "@/lib/actions/folders";
import type { ActionResult } from "@/lib/actions/result";
import type { ManagedFolder } from "@/lib/mail/imap/folder-admin";
import { runAction } from "@/components/run-action";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button-class";
import { Field, INPUT_CLASS } from "@/components/ui/field";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { countOfMessages, folderLabel } from "./folder-manager-labels";

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
  return (
    <div className="mt-5 flex justify-end gap-2">
      <button type="button" onClick={onClose} data-autofocus={cancelFirst ? "" : undefined} className={buttonClass("secondary")}>
        Cancel
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
  return (
    <Field label={label} errors={errors}>
      {(control) => (
        <select {...control} value={value} onChange={(event) => onChange(event.target.value)} className={INPUT_CLASS}>
          <option value="">Top level</option>
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
  const [name, setName] = useState("");
  const [parent, setParent] = useState("");
  const { failure, pending, submit } = useFolderAction();
  return (
    <ModalDialog title="New folder" onClose={onClose}>
      <DialogForm
        onSubmit={() =>
          submit(
            () => createFolderAction({ parent: parent || null, name }),
            () => onDone(`Created “${name.trim()}”.`),
          )
        }
      >
        {failure ? <Alert tone="error">{failure.error}</Alert> : null}
        <Field label="Folder name" errors={failure?.fieldErrors?.name}>
          {(control) => <input {...control} data-autofocus="" value={name} onChange={(event) => setName(event.target.value)} maxLength={200} required className={INPUT_CLASS} />}
        </Field>
        <ParentSelect label="Inside" choices={parentChoices(folders)} value={parent} onChange={setParent} errors={failure?.fieldErrors?.parent} />
        <DialogButtons onClose={onClose} pending={pending} submitLabel="Create folder" />
      </DialogForm>
    </ModalDialog>
  );
}

export function RenameFolderDialog({ folder, onClose, onDone }: DialogProps & { folder: ManagedFolder }) {
  const [name, setName] = useState(folder.name);
  const { failure, pending, submit } = useFolderAction();
  return (
    <ModalDialog title={`Rename “${folder.name}”`} onClose={onClose}>
      <DialogForm
        onSubmit={() =>
          submit(
            () => renameFolderAction({ path: folder.path, name }),
            () => onDone(`Renamed “${folder.name}” to “${name.trim()}”.`),
          )
        }
      >
        {failure ? <Alert tone="error">{failure.error}</Alert> : null}
        <Field label="New name" errors={failure?.fieldErrors?.name}>
          {(control) => <input {...control} data-autofocus="" value={name} onChange={(event) => setName(event.target.value)} maxLength={200} required className={INPUT_CLASS} />}
        </Field>
        <DialogButtons onClose={onClose} pending={pending} submitLabel="Rename" />
      </DialogForm>
    </ModalDialog>
  );
}

export function MoveFolderDialog({ folder, folders, onClose, onDone }: DialogProps & { folder: ManagedFolder; folders: ManagedFolder[] }) {
  const current = folder.parents.length > 0 ? folder.path.slice(0, folder.path.length - folder.name.length - folder.delimiter.length) : "";
  const [parent, setParent] = useState(current);
  const { failure, pending, submit } = useFolderAction();
  const choices = parentChoices(folders, folder);
  return (
    <ModalDialog title={`Move “${folderLabel(folder)}”`} description="Its subfolders and messages move with it." onClose={onClose}>
      <DialogForm
        onSubmit={() =>
          submit(
            () => moveFolderAction({ path: folder.path, parent: parent || null }),
            () => onDone(`Moved “${folder.name}” ${parent ? `into “${folderLabel(choices.find((choice) => choice.path === parent) ?? folder)}”` : "to the top level"}.`),
          )
        }
      >
        {failure ? <Alert tone="error">{failure.error}</Alert> : null}
        <ParentSelect label="Move into" choices={choices} value={parent} onChange={setParent} errors={failure?.fieldErrors?.parent} />
        <DialogButtons onClose={onClose} pending={pending} submitLabel="Move" />
      </DialogForm>
    </ModalDialog>
  );
}

export function DeleteFolderDialog({ folder, onClose, onDone }: DialogProps & { folder: ManagedFolder }) {
  const { failure, pending, submit } = useFolderAction();
  const label = folderLabel(folder);
  const warning =
    folder.messages > 0
      ? `It holds ${countOfMessages(folder.messages)}${folder.unread > 0 ? ` (${folder.unread.toLocaleString("en")} unread)` : ""}. They will be deleted with it and can't be recovered.`
      : "It is empty.";
  return (
    <ModalDialog role="alertdialog" title={`Delete “${label}”?`} description={warning} onClose={onClose}>
      <DialogForm
        onSubmit={() =>
          submit(
            () => deleteFolderAction({ path: folder.path, confirmedMessages: folder.messages }),
            () => onDone(`Deleted “${label}”.`),
          )
        }
      >
        {failure ? <Alert tone="error">{failure.error}</Alert> : null}
        <DialogButtons onClose={onClose} pending={pending} submitLabel="Delete folder" danger cancelFirst />
      </DialogForm>
    </ModalDialog>
  );
}

export function EmptyFolderDialog({ folder, onClose, onDone }: DialogProps & { folder: ManagedFolder & { specialUse: "\\Trash" | "\\Junk" } }) {
  const { failure, pending, submit } = useFolderAction();
  return (
    <ModalDialog
      role="alertdialog"
      title={`Empty ${folder.name}?`}
      description={`${countOfMessages(folder.messages)} in ${folder.name} will be deleted for good.`}
      onClose={onClose}
    >
      <DialogForm
        onSubmit={() =>
          submit(
            () => emptyFolderAction({ folder: folder.specialUse === "\\Trash" ? "trash" : "junk" }),
            ({ deleted }) => onDone(`Deleted ${countOfMessages(deleted)} from ${folder.name}.`),
          )
        }
      >
        {failure ? <Alert tone="error">{failure.error}</Alert> : null}
        <DialogButtons onClose={onClose} pending={pending} submitLabel={`Empty ${folder.name}`} danger cancelFirst />
      </DialogForm>
    </ModalDialog>
  );
}
