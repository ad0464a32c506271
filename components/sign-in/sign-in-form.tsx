"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button-class";
import { Field, INPUT_CLASS } from "@/components/ui/field";
import { signInAction, type SignInState } from "@/lib/actions/auth";
import { RetryTime } from "./retry-time";

export function SignInForm() {
  const t = useTranslations("signIn");
  const [state, formAction, pending] = useActionState<SignInState, FormData>(signInAction, {});
  return (
    <form action={formAction} className="space-y-5" noValidate>
      {state.error ? (
        <Alert tone="error">
          <p>{state.error}</p>
          {state.retryAt ? <RetryTime at={state.retryAt} /> : null}
        </Alert>
      ) : null}
      <Field label={t("email")}>
        {(control) => (
          <input {...control} name="email" type="email" autoComplete="username" required autoFocus defaultValue={state.email} key={state.email ?? ""} className={INPUT_CLASS} />
        )}
      </Field>
      <Field label={t("password")}>{(control) => <input {...control} name="password" type="password" autoComplete="current-password" required className={INPUT_CLASS} />}</Field>
      <button type="submit" disabled={pending} className={`w-full ${buttonClass("primary")}`}>
        {pending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
