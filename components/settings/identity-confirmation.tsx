"use client";

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
      setNote(result.ok ? `A new code is on its way to ${email}.` : null);
    });
  }

  return (
    <form
      aria-label={`Confirm ${email}`}
      className="space-y-2 rounded-lg border border-amber-200 bg-amber-50 p-3"
      onSubmit={(event) => {
        event.preventDefault();
        confirm();
      }}
    >
      <p className="text-amber-900">Not confirmed yet: you can send from {email} once you enter the code that was mailed to it.</p>
      <div className="flex items-end gap-2">
        <div className="w-40">
          <Field label={`Confirmation code for ${email}`} errors={errors}>
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
          Confirm
        </button>
        <button type="button" disabled={pending} onClick={resend} aria-label={`Send a new code to ${email}`} className={buttonClass("secondary", "small")}>
          Send a new code
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
