"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useId, useState, useTransition } from "react";
import { runAction } from "@/components/run-action";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button-class";
import { Field, INPUT_CLASS } from "@/components/ui/field";
import { addIdentityAction, updateIdentityAction } from "@/lib/actions/identities";
import { IdentitySignatureEditor } from "./identity-signature-editor";

export interface IdentityItem {
  id: string;
  email: string;
  displayName: string;
  signatureHtml: string;
  replyTo: string;
  isDefault: boolean;
  /** Whether it may be sent from (its mailed code was entered, or it is the sign-in address). */
  confirmed: boolean;
}

/** Adds an identity (no `identity`) or edits one (its address stays; name, signature and Reply-To change). */
export function IdentityForm({ identity, domains, onDone }: { identity?: IdentityItem; domains: string[]; onDone: () => void }) {
  const t = useTranslations("settings.identities.form");
  const format = useFormatter();
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
      const result = await runAction(() => (identity ? updateIdentityAction({ id: identity.id, ...fields }) : addIdentityAction({ email, ...fields })));
      if (!result.ok) {
        setFieldErrors(result.fieldErrors ?? {});
        setError(result.error);
        return;
      }
      onDone();
    });

  return (
    <form
      noValidate
      aria-label={identity ? t("editLabel", { email: identity.email }) : t("newLabel")}
      className="space-y-4 rounded-xl border border-sky-200 bg-sky-50/40 p-5"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      {error ? <Alert tone="error">{error}</Alert> : null}
      {identity ? (
        <p className="text-sm">{t.rich("emailShown", { email: identity.email, label: (chunks) => <span className="font-medium text-slate-700">{chunks}</span> })}</p>
      ) : (
        <Field
          label={t("email")}
          hint={t("emailHint", {
            domains: format.list(
              domains.map((domain) => `@${domain}`),
              { type: "disjunction" },
            ),
          })}
          errors={fieldErrors.email}
        >
          {(control) => <input {...control} type="email" autoComplete="off" value={email} onChange={(event) => setEmail(event.target.value)} className={INPUT_CLASS} />}
        </Field>
      )}
      <Field label={t("displayName")} errors={fieldErrors.displayName}>
        {(control) => <input {...control} type="text" autoComplete="off" value={displayName} onChange={(event) => setDisplayName(event.target.value)} className={INPUT_CLASS} />}
      </Field>
      <div className="space-y-1.5">
        <span id={`${id}-signature-label`} className="block text-sm font-medium text-slate-700">
          {t("signature")}
        </span>
        <IdentitySignatureEditor
          labelId={`${id}-signature-label`}
          describedBy={fieldErrors.signatureHtml?.length ? `${id}-signatureHtml-error` : undefined}
          initialHtml={identity?.signatureHtml ?? ""}
          onChange={setSignatureHtml}
        />
        {fieldErrors.signatureHtml?.length ? (
          <p id={`${id}-signatureHtml-error`} className="text-sm text-red-700">
            {fieldErrors.signatureHtml.join(" ")}
          </p>
        ) : null}
      </div>
      <Field label={t("replyTo")} hint={t("replyToHint")} errors={fieldErrors.replyTo}>
        {(control) => <input {...control} type="email" autoComplete="off" value={replyTo} onChange={(event) => setReplyTo(event.target.value)} className={INPUT_CLASS} />}
      </Field>
      <div className="flex gap-3">
        <button type="submit" disabled={pending} className={buttonClass("primary")}>
          {pending ? t("saving") : identity ? t("save") : t("add")}
        </button>
        <button type="button" onClick={onDone} className={buttonClass("secondary")}>
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}
