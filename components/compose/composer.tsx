"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useRef, useState } from "react";
import { runAction } from "@/components/run-action";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button-class";
import { discardDraftAction } from "@/lib/actions/compose";
import type { DraftInput } from "@/lib/actions/compose-draft";
import type { SendStatus } from "@/lib/db/pending-sends";
import type { ComposeStart } from "@/lib/mail/compose/compose-start";
import { inlineUploadIds, uploadUrl } from "@/lib/upload-id";
import type { UploadMeta } from "@/lib/uploads/upload-store";
import { AttachmentArea } from "./attachment-area";
import { MessageSent } from "./message-sent";
import { htmlFromPlainText, plainTextFromHtml } from "./message-text";
import { RecipientField } from "./recipient-field";
import { commitTyping, recipientAddresses, tidyRecipients } from "./recipient-list";
import { sendWarnings, type SendQuestion } from "./recipient-warnings";
import { RichTextEditor } from "./rich-text-editor";
import { SendWarningsDialog } from "./send-warnings-dialog";
import { swapSignature, textWithoutSignature, type MessageBodyState } from "./signature-swap";
import { uploadFile } from "./upload-file";
import { useDraftAutosave } from "./use-draft-autosave";
import { useSendWithUndo, type ActionFailure } from "./use-send-with-undo";

export interface ComposerIdentity {
  email: string;
  displayName: string;
  isDefault: boolean;
  /** The identity's signature (sanitised HTML); changing From swaps it in while the old one is untouched. */
  signatureHtml?: string;
  /** Why mail from it is likely to be rejected, when its last deliverability check was red. */
  deliverabilityWarning?: string;
}

export interface ComposerProps {
  start: ComposeStart & { messageId: string };
  identities: ComposerIdentity[];
  companyDomains: string[];
  limits: { attachmentBytes: number; messageBytes: number };
  /** This draft's last Send (on its way, sent or failed): the composer shows the countdown, the result or the reason. */
  pendingSend?: SendStatus | null;
}

/**
 * The composer: From, To/Cc/Bcc with autocomplete, Subject, Message (rich or plain), attachments.
 * It autosaves to Drafts as the writer types; Send (or Ctrl/Cmd+Enter) asks first about anything
 * odd, then sends with a delay to undo. Nothing written is lost when something fails.
 */
export function Composer({ start, identities, companyDomains, limits, pendingSend }: ComposerProps) {
  const router = useRouter();
  const t = useTranslations("compose");
  const id = useId();
  const initialFrom = identities.find((identity) => identity.email === start.from?.toLowerCase()) ?? identities.find((identity) => identity.isDefault) ?? identities[0];
  const [from, setFrom] = useState(initialFrom?.email ?? "");
  const [to, setTo] = useState(() => commitTyping(start.to));
  const [cc, setCc] = useState(() => commitTyping(start.cc));
  const [bcc, setBcc] = useState(() => commitTyping(start.bcc));
  const [showCc, setShowCc] = useState(Boolean(start.cc));
  const [showBcc, setShowBcc] = useState(Boolean(start.bcc));
  const [subject, setSubject] = useState(start.subject);
  const [body, setBody] = useState<MessageBodyState>({ html: start.html, text: start.text, plainText: start.plainText });
  const [editorKey, setEditorKey] = useState(0);
  const [attachments, setAttachments] = useState<UploadMeta[]>(start.attachments);
  const [discarding, setDiscarding] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [question, setQuestion] = useState<SendQuestion | null>(null);
  // The body as Mailroom last set it (at the start, or by a signature swap): whether the writer has changed it since.
  const untouchedBody = useRef(body);

  const signatureOf = (email: string) => identities.find((identity) => identity.email === email)?.signatureHtml ?? "";
  const draftInput: DraftInput = {
    messageId: start.messageId,
    from,
    to: tidyRecipients(to),
    cc: tidyRecipients(cc),
    bcc: tidyRecipients(bcc),
    subject,
    html: body.plainText ? null : body.html,
    text: body.plainText ? body.text : "",
    attachmentIds: attachments.map((item) => item.id),
    inReplyTo: start.inReplyTo,
    references: start.references,
    origin: start.origin,
  };
  /** Every upload this composition uses: attachments and inline images, removed after sending or discarding. */
  const uploadIds = () => [...new Set([...attachments.map((item) => item.id), ...(body.plainText ? [] : inlineUploadIds(body.html))])];

  function showFailure(failure: ActionFailure) {
    const fields = Object.fromEntries(Object.entries(failure.fieldErrors ?? {}).map(([field, messages]) => [field, messages[0] ?? ""]));
    setFieldErrors(fields);
    setError(failure.code === "invalid" && Object.values(fields)[0] ? `${Object.values(fields)[0]}` : failure.error);
  }

  const sending = useSendWithUndo({
    messageId: start.messageId,
    subject: () => subject,
    saveDraft: () => draft.saveNow(),
    uploadIds,
    onFailure: showFailure,
    initial: pendingSend,
  });
  const busy = sending.phase !== "idle" || discarding;
  const draft = useDraftAutosave(draftInput, !busy);

  function edit<T>(setter: (value: T) => void) {
    return (value: T) => {
      setter(value);
      draft.changed();
    };
  }
  function editBody(change: Partial<MessageBodyState>) {
    setBody((current) => ({ ...current, ...change }));
    draft.changed();
  }

  function changeFrom(email: string) {
    const swapped = swapSignature(body, untouchedBody.current, signatureOf(from), signatureOf(email));
    setFrom(email);
    if (swapped) {
      untouchedBody.current = swapped;
      setBody(swapped);
      setEditorKey((key) => key + 1);
    }
    draft.changed();
  }

  function changePlainText(plainText: boolean) {
    if (plainText) editBody({ plainText, text: plainTextFromHtml(body.html) });
    else {
      editBody({ plainText, html: htmlFromPlainText(body.text) });
      setEditorKey((key) => key + 1);
    }
  }

  function requestSend() {
    if (busy || question) return;
    setError(null);
    setFieldErrors({});
    const recipients = [to, cc, bcc].flatMap(recipientAddresses);
    if (recipients.length === 0) {
      setFieldErrors({ to: t("noRecipientField") });
      setError(t("noRecipient"));
      return;
    }
    const asked = sendWarnings(t, {
      subject,
      body: textWithoutSignature(body, signatureOf(from)),
      attachmentCount: attachments.length + (body.plainText ? 0 : inlineUploadIds(body.html).length),
      recipients,
      companyDomains,
      senderDeliverability: identities.find((identity) => identity.email === from)?.deliverabilityWarning,
    });
    if (asked) setQuestion(asked);
    else void send();
  }

  async function send() {
    setQuestion(null);
    draft.cancel();
    await sending.send();
  }

  async function discard() {
    draft.cancel();
    setDiscarding(true);
    const result = await runAction(() => discardDraftAction({ messageId: start.messageId, attachmentIds: uploadIds() }));
    if (result.ok) {
      draft.markSaved();
      router.push("/mail");
      return;
    }
    setDiscarding(false);
    setError(result.error);
  }

  async function insertImage(file: File): Promise<string | null> {
    if (file.size > limits.attachmentBytes) {
      setError(t("imageTooLarge", { name: file.name }));
      return null;
    }
    try {
      const meta = await uploadFile(file, t, () => undefined);
      return uploadUrl(meta.id);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : t("imageFailed"));
      return null;
    }
  }

  if (sending.phase === "sent") return <MessageSent sentCopySaved={sending.sentCopySaved} />;

  return (
    <section
      aria-labelledby={`${id}-title`}
      className="flex h-full flex-col bg-white"
      onKeyDownCapture={(event) => {
        // Ctrl/Cmd+Enter sends from anywhere in the composer; it reaches no field (the editor would insert a line break).
        if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey)) return;
        event.preventDefault();
        event.stopPropagation();
        requestSend();
      }}
    >
      <div className="flex items-center justify-between border-b border-slate-200 px-4 py-3">
        <h1 id={`${id}-title`} className="text-lg font-semibold">
          {start.origin?.kind === "reply" ? t("title.reply") : start.origin?.kind === "forward" ? t("title.forward") : t("title.new")}
        </h1>
        <p role="status" className="text-sm text-slate-500">
          {draft.note}
        </p>
      </div>
      {error ? (
        <Alert tone="error" className="mx-4 mt-3">
          {error}
        </Alert>
      ) : null}
      {sending.phase === "countdown" || sending.phase === "sending" ? (
        <Alert tone="info" className="mx-4 mt-3 flex items-center gap-3">
          <span>{sending.phase === "sending" ? t("sending") : t("sendingCountdown", { seconds: sending.secondsLeft })}</span>
          {sending.phase === "countdown" ? (
            <button type="button" onClick={() => void sending.undo()} className={buttonClass("secondary", "small")}>
              {t("undo")}
            </button>
          ) : null}
        </Alert>
      ) : null}
      {/* Only the Send button and Ctrl/Cmd+Enter send: Enter in a field never submits this form. */}
      <form className="flex min-h-0 flex-1 flex-col" onSubmit={(event) => event.preventDefault()}>
        <fieldset disabled={busy} className="flex min-h-0 min-w-0 flex-1 flex-col">
          <div className="px-4">
            {/* On a phone the Cc and Bcc buttons wrap under the address rather than squeezing it to a few letters. */}
            <div className="flex flex-wrap items-center gap-x-3 border-b border-slate-200 py-1.5">
              <label htmlFor={`${id}-from`} className="w-16 shrink-0 text-sm text-slate-600">
                {t("fields.from")}
              </label>
              <select
                id={`${id}-from`}
                value={from}
                onChange={(event) => changeFrom(event.target.value)}
                aria-invalid={fieldErrors.from ? true : undefined}
                className="min-w-0 flex-1 basis-48 rounded-md bg-transparent px-1 py-1.5 text-sm"
              >
                {identities.map((identity) => (
                  <option key={identity.email} value={identity.email}>
                    {identity.displayName ? `${identity.displayName} <${identity.email}>` : identity.email}
                  </option>
                ))}
              </select>
              <span className="ml-auto flex gap-1 text-sm">
                {showCc ? null : (
                  <button type="button" onClick={() => setShowCc(true)} className="rounded px-2 py-1 text-slate-600 hover:bg-slate-100">
                    {t("fields.addCc")}
                  </button>
                )}
                {showBcc ? null : (
                  <button type="button" onClick={() => setShowBcc(true)} className="rounded px-2 py-1 text-slate-600 hover:bg-slate-100">
                    {t("fields.addBcc")}
                  </button>
                )}
              </span>
            </div>
            <RecipientField label={t("fields.to")} value={to} onChange={edit(setTo)} error={fieldErrors.to} autoFocus={!start.to} />
            {showCc ? <RecipientField label={t("fields.cc")} value={cc} onChange={edit(setCc)} error={fieldErrors.cc} autoFocus={!start.cc} /> : null}
            {showBcc ? <RecipientField label={t("fields.bcc")} value={bcc} onChange={edit(setBcc)} error={fieldErrors.bcc} autoFocus={!start.bcc} /> : null}
            <div className="flex items-center gap-3 border-b border-slate-200 py-1.5">
              <label htmlFor={`${id}-subject`} className="w-16 shrink-0 text-sm text-slate-600">
                {t("fields.subject")}
              </label>
              <input
                id={`${id}-subject`}
                type="text"
                value={subject}
                maxLength={900}
                onChange={(event) => edit(setSubject)(event.target.value)}
                aria-invalid={fieldErrors.subject ? true : undefined}
                className="min-w-0 flex-1 rounded-md px-2 py-1.5 text-sm outline-none focus:ring-2 focus:ring-sky-500"
              />
            </div>
            <div className="flex justify-end py-1">
              <label className="flex items-center gap-2 text-sm text-slate-600">
                <input type="checkbox" role="switch" checked={body.plainText} onChange={(event) => changePlainText(event.target.checked)} />
                {t("fields.plainText")}
              </label>
            </div>
          </div>
          <div className="flex min-h-0 flex-1 flex-col border-t border-slate-200">
            {body.plainText ? (
              <textarea
                aria-label={t("fields.message")}
                value={body.text}
                onChange={(event) => editBody({ text: event.target.value })}
                className="min-h-64 flex-1 resize-none px-4 py-3 font-mono text-sm outline-none focus:ring-2 focus:ring-sky-500 focus:ring-inset"
              />
            ) : (
              <RichTextEditor key={editorKey} initialHtml={body.html} onChange={(html) => editBody({ html })} onInsertImage={insertImage} disabled={busy} />
            )}
          </div>
          <AttachmentArea
            attachments={attachments}
            limits={limits}
            disabled={busy}
            onError={setError}
            onAdd={(meta) => {
              setAttachments((list) => [...list, meta]);
              draft.changed();
            }}
            onRemove={(meta) => {
              setAttachments((list) => list.filter((item) => item.id !== meta.id));
              void fetch(uploadUrl(meta.id), { method: "DELETE" }).catch(() => undefined);
              draft.changed();
            }}
          />
          <div className="flex items-center gap-3 border-t border-slate-200 px-4 py-3">
            <button type="button" onClick={requestSend} className={buttonClass("primary")} aria-keyshortcuts="Control+Enter Meta+Enter">
              {t("send")}
            </button>
            <button type="button" onClick={() => void discard()} className="rounded-md px-3 py-2 text-sm text-slate-600 hover:bg-slate-100">
              {t("discard")}
            </button>
          </div>
        </fieldset>
      </form>
      {question ? <SendWarningsDialog question={question} onSend={() => void send()} onCancel={() => setQuestion(null)} /> : null}
    </section>
  );
}
