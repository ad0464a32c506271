"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { runAction } from "@/components/run-action";
import { buttonClass } from "@/components/ui/button-class";
import { Field, INPUT_CLASS } from "@/components/ui/field";
import { confirmIdentityAction, resendIdentityCodeAction } from "@/lib/actions/identities";

/**
 * An identity that can't be sent from yet: the code mailed to its address confirms it, and a new
 * code can be asked for (the old one stops working).
 */
export function IdentityConfirmation({ id, email }: { id: string; email: string }) {
  const t = useTranslations("settings.identities.confirmation");
  const [code, setCode] = useState("");
  const [errors, setErrors] = useState<string[] | undefined>(undefined);
  const [note, setNote] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function confirm() {
    startTransition(async () => {
      setNote(null);
      const result = await runAction(() => confirmIdentityAction({ id, code }));
      setErrors(result.ok ? undefined : (result.fieldErrors?.code ?? [result.error]));
    });
  }

  function resend() {
    startTransition(async () => {
      const result = await runAction(() => resendIdentityCodeAction({ id }));
      setErrors(result.ok ? undefined : [result.error]);
      setNote(result.ok ? t("codeSent", { email }) : null);
    });
  }

  return (
    <form
      aria-label={t("form", { email })}
      className="space-y-2 rounded-lg border border-amber-200 bg-amber-50 p-3"
      onSubmit={(event) => {
        event.preventDefault();
        confirm();
      }}
    >
      <p className="text-amber-900">{t("notConfirmed", { email })}</p>
      <div className="flex items-end gap-2">
        <div className="w-40">
          <Field label={t("code", { email })} errors={errors}>
            {(control) => (
              <input
                {...control}
                value={code}
                onChange={(event) => setCode(event.target.value)}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={12}
                className={INPUT_CLASS}
              />
            )}
          </Field>
        </div>
        <button type="submit" disabled={pending} className={buttonClass("primary", "small")}>
          {t("confirm")}
        </button>
        <button type="button" disabled={pending} onClick={resend} aria-label={t("resendTo", { email })} className={buttonClass("secondary", "small")}>
          {t("resend")}
        </button>
      </div>
      {note ? (
        <p role="status" className="text-sm text-amber-900">
          {note}
        </p>
      ) : null}
    </form>
  );
}
