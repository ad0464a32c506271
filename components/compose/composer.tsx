"use client";

import { convert } from "html-to-text";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import type { DraftInput } from "@/lib/actions/compose-draft";
import { discardDraftAction, saveDraftAction, sendMessageAction } from "@/lib/actions/compose";
import type { ActionResult } from "@/lib/actions/result";
import type { ComposeStart } from "@/lib/mail/compose/compose-start";
import { sendWarnings } from "@/components/compose/recipient-warnings";
import type { UploadMeta } from "@/lib/uploads/upload-store";
import { AttachmentArea } from "./attachment-area";
import { RecipientField } from "./recipient-field";
import { RichTextEditor } from "./rich-text-editor";
import { SendWarningsDialog } from "./send-warnings-dialog";
import { uploadFile } from "./upload-file";

export interface ComposerIdentity {
  email: string;
  displayName: string;
  isDefault: boolean;
}

export interface ComposerProps {
  start: ComposeStart & { messageId: string };
  identities: ComposerIdentity[];
  undoSendSeconds: number;
  companyDomains: string[];
  limits: { attachmentBytes: number; messageBytes: number };
}

type Phase = "editing" | "saving" | "countdown" | "sending" | "sent";

const AUTOSAVE_DELAY_MS = 2_000;
const ADDRESS = /[^\s<>,;"]+@[^\s<>,;"]+/g;
const UPLOAD_SRC = /\/api\/uploads\/([0-9a-f-]{36})/g;

function htmlToPlainText(html: string): string {
  return convert(html, { wordwrap: 78, selectors: [{ selector: "img", format: "skip" }, { selector: "a", options: { hideLinkHrefIfSameAsText: true } }] });
}

function plainTextToHtml(text: string): string {
  const escape = (value: string) => value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return text
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escape(paragraph).replace(/\n/g, "<br>")}</p>`)
    .join("");
}

/** The composer: From, To/Cc/Bcc with autocomplete, Subject, Message (rich or plain), attachments; autosaves to Drafts. */
export function Composer({ start, identities, undoSendSeconds, companyDomains, limits }: ComposerProps) {
  const router = useRouter();
  const id = useId();
  const initialFrom = identities.find((identity) => identity.email === start.from?.toLowerCase()) ?? identities.find((identity) => identity.isDefault) ?? identities[0];
  const [from, setFrom] = useState(initialFrom?.email ?? "");
  const [to, setTo] = useState(start.to);
  const [cc, setCc] = useState(start.cc);
  const [bcc, setBcc] = useState(start.bcc);
  const [showCc, setShowCc] = useState(Boolean(start.cc));
  const [showBcc, setShowBcc] = useState(Boolean(start.bcc));
  const [subject, setSubject] = useState(start.subject);
  const [html, setHtml] = useState(start.html);
  const [text, setText] = useState(start.text);
  const [plainText, setPlainText] = useState(start.plainText);
  const [editorKey, setEditorKey] = useState(0);
  const [attachments, setAttachments] = useState<UploadMeta[]>(start.attachments);
  const [phase, setPhase] = useState<Phase>("editing");
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [saveNote, setSaveNote] = useState<string>("");
  const [warnings, setWarnings] = useState<string[] | null>(null);
  const [secondsLeft, setSecondsLeft] = useState(0);
  const [sentCopySaved, setSentCopySaved] = useState(true);

  const input: DraftInput = {
    messageId: start.messageId,
    from,
    to,
    cc,
    bcc,
    subject,
    html: plainText ? null : html,
    text: plainText ? text : "",
    attachmentIds: attachments.map((item) => item.id),
    inReplyTo: start.inReplyTo,
    references: start.references,
    origin: start.origin,
  };
  const latest = useRef(input);
  latest.current = input;
  const version = useRef(0);
  const savedVersion = useRef(0);
  const saving = useRef<Promise<unknown> | null>(null);
  const autosaveTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const sendTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const countdownTimer = useRef<ReturnType<typeof setInterval>>(undefined);
  const phaseRef = useRef<Phase>("editing");
  phaseRef.current = phase;

  async function saveNow(): Promise<ActionResult<{ uid: number }>> {
    while (saving.current) await saving.current.catch(() => undefined);
    const savingVersion = version.current;
    const request = saveDraftAction(latest.current);
    saving.current = request;
    try {
      const result = await request;
      if (result.ok) {
        savedVersion.current = Math.max(savedVersion.current, savingVersion);
        window.history.replaceState(null, "", `/compose?draft=${result.data.uid}&mid=${encodeURIComponent(start.messageId)}`);
        setSaveNote(`Draft saved at ${new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}`);
      } else {
        setSaveNote(`Draft not saved: ${Object.values(result.fieldErrors ?? {})[0]?.[0] ?? result.error}`);
      }
      return result;
    } finally {
      saving.current = null;
    }
  }

  function changed() {
    version.current += 1;
    // From the first change on, the address bar names this composition, so a reload finds its draft.
    const url = new URL(window.location.href);
    if (url.searchParams.get("mid") !== start.messageId) {
      url.searchParams.set("mid", start.messageId);
      window.history.replaceState(null, "", `${url.pathname}${url.search}`);
    }
    clearTimeout(autosaveTimer.current);
    autosaveTimer.current = setTimeout(() => {
      if (phaseRef.current === "editing" && version.current > savedVersion.current) void saveNow();
    }, AUTOSAVE_DELAY_MS);
  }

  function edit<T>(setter: (value: T) => void) {
    return (value: T) => {
      setter(value);
      changed();
    };
  }

  // Leaving the page (reload, close, another site): one last save that survives the unload.
  useEffect(() => {
    function saveOnLeave() {
      if (phaseRef.current !== "editing" || version.current <= savedVersion.current) return;
      const body = new Blob([JSON.stringify(latest.current)], { type: "application/json" });
      if (navigator.sendBeacon("/compose/draft", body)) savedVersion.current = version.current;
    }
    const onVisibility = () => {
      if (document.visibilityState === "hidden") saveOnLeave();
    };
    document.addEventListener("visibilitychange", onVisibility);
    window.addEventListener("pagehide", saveOnLeave);
    return () => {
      document.removeEventListener("visibilitychange", onVisibility);
      window.removeEventListener("pagehide", saveOnLeave);
      clearTimeout(autosaveTimer.current);
      clearTimeout(sendTimer.current);
      clearInterval(countdownTimer.current);
    };
  }, []);

  /** Every upload this composition uses: attachments and inline images, removed after sending or discarding. */
  function uploadIds(): string[] {
    const inline = plainText ? [] : [...html.matchAll(UPLOAD_SRC)].map((match) => match[1] ?? "");
    return [...new Set([...attachments.map((item) => item.id), ...inline])];
  }

  function showFailure(result: Extract<ActionResult<unknown>, { ok: false }>) {
    const fields = Object.fromEntries(Object.entries(result.fieldErrors ?? {}).map(([field, messages]) => [field, messages[0] ?? ""]));
    setFieldErrors(fields);
    setError(Object.values(fields)[0] && result.code === "invalid" ? `${Object.values(fields)[0]}` : result.error);
  }

  function requestSend() {
    setError(null);
    setFieldErrors({});
    const recipients = [to, cc, bcc].join(",").match(ADDRESS) ?? [];
    if (recipients.length === 0) {
      setFieldErrors({ to: "Add at least one recipient." });
      setError("Add at least one recipient in the To field.");
      return;
    }
    const inlineImages = plainText ? 0 : [...html.matchAll(UPLOAD_SRC)].length;
    const found = sendWarnings({
      text: `${subject}\n${plainText ? text : htmlToPlainText(html)}`,
      attachmentCount: attachments.length + inlineImages,
      recipients,
      companyDomains,
    });
    if (found.length > 0) setWarnings(found);
    else void send();
  }

  async function send() {
    setWarnings(null);
    clearTimeout(autosaveTimer.current);
    setPhase("saving");
    const saved = await saveNow();
    if (!saved.ok) {
      setPhase("editing");
      showFailure(saved);
      return;
    }
    if (undoSendSeconds > 0) {
      setPhase("countdown");
      setSecondsLeft(undoSendSeconds);
      countdownTimer.current = setInterval(() => setSecondsLeft((seconds) => Math.max(0, seconds - 1)), 1_000);
      sendTimer.current = setTimeout(() => void deliver(), undoSendSeconds * 1_000);
    } else {
      await deliver();
    }
  }

  async function deliver() {
    clearInterval(countdownTimer.current);
    setPhase("sending");
    const result = await sendMessageAction({ messageId: start.messageId, attachmentIds: uploadIds() });
    if (result.ok) {
      setSentCopySaved(result.data.sentCopySaved);
      setPhase("sent");
    } else {
      setPhase("editing");
      showFailure(result);
    }
  }

  function undo() {
    clearTimeout(sendTimer.current);
    clearInterval(countdownTimer.current);
    setPhase("editing");
  }

  async function discard() {
    clearTimeout(autosaveTimer.current);
    setPhase("saving");
    const result = await discardDraftAction({ messageId: start.messageId, attachmentIds: uploadIds() });
    if (result.ok) {
      savedVersion.current = version.current;
      router.push("/mail");
    } else {
      setPhase("editing");
      setError(result.error);
    }
  }

  async function insertImage(file: File): Promise<string | null> {
    if (file.size > limits.attachmentBytes) {
      setError(`“${file.name}” is too large to insert.`);
      return null;
    }
    try {
      const meta = await uploadFile(file, () => undefined);
      return `/api/uploads/${meta.id}`;
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : "The image could not be inserted.");
      return null;
    }
  }

  if (phase === "sent") {
    return (
      <section aria-labelledby={`${id}-sent`} className="m-6 max-w-xl rounded-xl border border-emerald-200 bg-emerald-50 p-6">
        <h1 id={`${id}-sent`} role="status" className="text-lg font-semibold text-emerald-900">
          Message sent.
        </h1>
        {sentCopySaved ? null : <p className="mt-2 text-sm text-emerald-900">The copy could not be saved in your Sent folder.</p>}
        <p className="mt-4 flex gap-4 text-sm">
          <Link href="/mail" className="font-medium text-sky-800 underline">
            Go to Inbox
          </Link>
          <a href="/compose" className="font-medium text-sky-800 underline">
            Write another message
          </a>
        </p>
      </section>
    );
  }

  const busy = phase !== "editing";
  return (
    <section aria-labelledby={`${id}-title`} className="flex h-full flex-col bg-white">
      <div className="flex items-center justify-between border-b border-slate-200 px-4 py-3">
        <h1 id={`${id}-title`} className="text-lg font-semibold">
          {start.origin?.kind === "reply" ? "Reply" : start.origin?.kind === "forward" ? "Forward" : "New message"}
        </h1>
        <p role="status" className="text-sm text-slate-500">
          {saveNote}
        </p>
      </div>
      {error ? (
        <p role="alert" className="mx-4 mt-3 rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      {phase === "countdown" || phase === "sending" ? (
        <div role="status" className="mx-4 mt-3 flex items-center gap-3 rounded-lg border border-sky-200 bg-sky-50 p-3 text-sm text-sky-900">
          <span>{phase === "sending" ? "Sending…" : `Sending… (${secondsLeft} s)`}</span>
          {phase === "countdown" ? (
            <button type="button" onClick={undo} className="rounded-md border border-sky-300 bg-white px-3 py-1 font-medium hover:bg-sky-100">
              Undo
            </button>
          ) : null}
        </div>
      ) : null}
      <form
        className="flex min-h-0 flex-1 flex-col"
        onSubmit={(event) => {
          event.preventDefault();
          if (!busy) requestSend();
        }}
      >
        <fieldset disabled={busy} className="flex min-h-0 flex-1 flex-col">
          <div className="px-4">
            <div className="flex items-center gap-3 border-b border-slate-200 py-1.5">
              <label htmlFor={`${id}-from`} className="w-16 shrink-0 text-sm text-slate-600">
                From
              </label>
              <select
                id={`${id}-from`}
                value={from}
                onChange={(event) => edit(setFrom)(event.target.value)}
                aria-invalid={fieldErrors.from ? true : undefined}
                className="min-w-0 flex-1 rounded-md bg-transparent px-1 py-1.5 text-sm"
              >
                {identities.map((identity) => (
                  <option key={identity.email} value={identity.email}>
                    {identity.displayName ? `${identity.displayName} <${identity.email}>` : identity.email}
                  </option>
                ))}
              </select>
              <span className="flex gap-1 text-sm">
                {showCc ? null : (
                  <button type="button" onClick={() => setShowCc(true)} className="rounded px-2 py-1 text-slate-600 hover:bg-slate-100">
                    Add Cc
                  </button>
                )}
                {showBcc ? null : (
                  <button type="button" onClick={() => setShowBcc(true)} className="rounded px-2 py-1 text-slate-600 hover:bg-slate-100">
                    Add Bcc
                  </button>
                )}
              </span>
            </div>
            <RecipientField label="To" value={to} onChange={edit(setTo)} error={fieldErrors.to} autoFocus={!start.to} />
            {showCc ? <RecipientField label="Cc" value={cc} onChange={edit(setCc)} error={fieldErrors.cc} autoFocus={!start.cc} /> : null}
            {showBcc ? <RecipientField label="Bcc" value={bcc} onChange={edit(setBcc)} error={fieldErrors.bcc} autoFocus={!start.bcc} /> : null}
            <div className="flex items-center gap-3 border-b border-slate-200 py-1.5">
              <label htmlFor={`${id}-subject`} className="w-16 shrink-0 text-sm text-slate-600">
                Subject
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
                <input
                  type="checkbox"
                  role="switch"
                  checked={plainText}
                  onChange={(event) => {
                    const plain = event.target.checked;
                    if (plain) setText(htmlToPlainText(html));
                    else {
                      setHtml(plainTextToHtml(text));
                      setEditorKey((key) => key + 1);
                    }
                    setPlainText(plain);
                    changed();
                  }}
                />
                Plain text
              </label>
            </div>
          </div>
          <div className="flex min-h-0 flex-1 flex-col border-t border-slate-200">
            {plainText ? (
              <textarea
                aria-label="Message"
                value={text}
                onChange={(event) => edit(setText)(event.target.value)}
                className="min-h-64 flex-1 resize-none px-4 py-3 font-mono text-sm outline-none focus:ring-2 focus:ring-inset focus:ring-sky-500"
              />
            ) : (
              <RichTextEditor key={editorKey} initialHtml={html} onChange={edit(setHtml)} onInsertImage={insertImage} disabled={busy} />
            )}
          </div>
          <AttachmentArea
            attachments={attachments}
            limits={limits}
            disabled={busy}
            onError={setError}
            onAdd={(meta) => {
              setAttachments((list) => [...list, meta]);
              changed();
            }}
            onRemove={(meta) => {
              setAttachments((list) => list.filter((item) => item.id !== meta.id));
              void fetch(`/api/uploads/${meta.id}`, { method: "DELETE" });
              changed();
            }}
          />
          <div className="flex items-center gap-3 border-t border-slate-200 px-4 py-3">
            <button type="submit" className="rounded-md bg-sky-700 px-5 py-2 text-sm font-medium text-white hover:bg-sky-800 disabled:opacity-60">
              Send
            </button>
            <button type="button" onClick={() => void discard()} className="rounded-md px-3 py-2 text-sm text-slate-600 hover:bg-slate-100">
              Discard
            </button>
          </div>
        </fieldset>
      </form>
      {warnings ? <SendWarningsDialog warnings={warnings} onSend={() => void send()} onCancel={() => setWarnings(null)} /> : null}
    </section>
  );
}
