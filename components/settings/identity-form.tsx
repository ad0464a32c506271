"use client";

import { useId, useState, useTransition } from "react";
import { addIdentityAction, updateIdentityAction } from "@/lib/actions/identities";
import { IdentitySignatureEditor } from "./identity-signature-editor";

export interface IdentityItem {
  id: string;
  email: string;
  displayName: string;
  signatureHtml: string;
  replyTo: string;
  isDefault: boolean;
}

const INPUT =
  "block w-full rounded-lg border border-slate-300 px-3 py-2 text-slate-900 shadow-sm outline-none focus:border-sky-600 focus:ring-2 focus:ring-sky-200 aria-invalid:border-red-500";

/** Adds an identity (no `identity`) or edits one (its address stays; name, signature and Reply-To change). */
export function IdentityForm({ identity, domains, onDone }: { identity?: IdentityItem; domains: string[]; onDone: () => void }) {
  const id = useId();
  const [email, setEmail] = useState("");
  const [displayName, setDisplayName] = useState(identity?.displayName ?? "");
  const [signatureHtml, setSignatureHtml] = useState(identity?.signatureHtml ?? "");
  const [replyTo, setReplyTo] = useState(identity?.replyTo ?? "");
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const submit = () =>
    startTransition(async () => {
      const fields = { displayName, signatureHtml, replyTo };
      const result = identity ? await updateIdentityAction({ id: identity.id, ...fields }) : await addIdentityAction({ email, ...fields });
      if (!result.ok) {
        setFieldErrors(result.fieldErrors ?? {});
        setError(result.error);
        return;
      }
      onDone();
    });

  const errorProps = (field: string, hintId?: string) => {
    const has = Boolean(fieldErrors[field]?.length);
    const describedBy = [hintId ?? "", has ? `${id}-${field}-error` : ""].filter(Boolean).join(" ") || undefined;
    return { "aria-invalid": has || undefined, "aria-describedby": describedBy };
  };
  const errorText = (field: string) =>
    fieldErrors[field]?.length ? (
      <p id={`${id}-${field}-error`} className="text-sm text-red-700">
        {fieldErrors[field]?.join(" ")}
      </p>
    ) : null;

  return (
    <form
      noValidate
      aria-label={identity ? `Edit ${identity.email}` : "New identity"}
      className="space-y-4 rounded-xl border border-sky-200 bg-sky-50/40 p-5"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      {error ? (
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      {identity ? (
        <p className="text-sm">
          <span className="font-medium text-slate-700">Email address:</span> {identity.email}
        </p>
      ) : (
        <div className="space-y-1.5">
          <label htmlFor={`${id}-email`} className="block text-sm font-medium text-slate-700">
            Email address
          </label>
          <input
            id={`${id}-email`}
            type="email"
            autoComplete="off"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            className={INPUT}
            {...errorProps("email", `${id}-email-hint`)}
          />
          <p id={`${id}-email-hint`} className="text-xs text-slate-600">
            An address ending in {domains.map((domain) => `@${domain}`).join(" or ")}.
          </p>
          {errorText("email")}
        </div>
      )}
      <div className="space-y-1.5">
        <label htmlFor={`${id}-name`} className="block text-sm font-medium text-slate-700">
          Display name
        </label>
        <input
          id={`${id}-name`}
          type="text"
          autoComplete="off"
          value={displayName}
          onChange={(event) => setDisplayName(event.target.value)}
          className={INPUT}
          {...errorProps("displayName")}
        />
        {errorText("displayName")}
      </div>
      <div className="space-y-1.5">
        <span id={`${id}-signature-label`} className="block text-sm font-medium text-slate-700">
          Signature
        </span>
        <IdentitySignatureEditor
          labelId={`${id}-signature-label`}
          describedBy={fieldErrors.signatureHtml?.length ? `${id}-signatureHtml-error` : undefined}
          initialHtml={identity?.signatureHtml ?? ""}
          onChange={setSignatureHtml}
        />
        {errorText("signatureHtml")}
      </div>
      <div className="space-y-1.5">
        <label htmlFor={`${id}-reply-to`} className="block text-sm font-medium text-slate-700">
          Reply-To
        </label>
        <input
          id={`${id}-reply-to`}
          type="email"
          autoComplete="off"
          value={replyTo}
          onChange={(event) => setReplyTo(event.target.value)}
          className={INPUT}
          {...errorProps("replyTo", `${id}-reply-to-hint`)}
        />
        <p id={`${id}-reply-to-hint`} className="text-xs text-slate-600">
          Optional: where replies should go, if not to this address.
        </p>
        {errorText("replyTo")}
      </div>
      <div className="flex gap-3">
        <button type="submit" disabled={pending} className="rounded-lg bg-sky-700 px-4 py-2 font-medium text-white hover:bg-sky-800 disabled:opacity-60">
          {pending ? "Saving…" : identity ? "Save identity" : "Add identity"}
        </button>
        <button type="button" onClick={onDone} className="rounded-lg border border-slate-300 bg-white px-4 py-2 font-medium text-slate-800 hover:bg-slate-100">
          Cancel
        </button>
      </div>
    </form>
  );
}
