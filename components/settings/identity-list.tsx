"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { runAction } from "@/components/run-action";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button-class";
import { deleteIdentityAction, makeDefaultIdentityAction } from "@/lib/actions/identities";
import type { ActionResult } from "@/lib/actions/result";
import { IdentityConfirmation } from "./identity-confirmation";
import { IdentityForm, type IdentityItem } from "./identity-form";

type Editing = { mode: "add" } | { mode: "edit"; id: string } | null;

export function IdentityList({ identities, signInEmail, domains }: { identities: IdentityItem[]; signInEmail: string; domains: string[] }) {
  const t = useTranslations("settings.identities");
  const [editing, setEditing] = useState<Editing>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const run = (action: () => Promise<ActionResult<unknown>>) =>
    startTransition(async () => {
      const result = await runAction(action);
      setError(result.ok ? null : result.error);
    });

  return (
    <div className="mt-6 space-y-4">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <ul aria-label={t("title")} className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
        {identities.map((identity) => {
          const label = identity.displayName ? `${identity.displayName} <${identity.email}>` : identity.email;
          const isSignIn = identity.email === signInEmail;
          return (
            <li key={identity.id} aria-label={label} className="space-y-3 p-4 text-sm">
              {editing?.mode === "edit" && editing.id === identity.id ? (
                <IdentityForm key={identity.id} identity={identity} domains={domains} onDone={() => setEditing(null)} />
              ) : (
                <div className="flex items-start gap-4">
                  <div className="min-w-0 flex-1 space-y-1">
                    <p className="font-medium [overflow-wrap:anywhere]">
                      {label}
                      {identity.isDefault ? <span className="ml-2 rounded bg-sky-100 px-1.5 py-0.5 text-xs text-sky-800">{t("default")}</span> : null}
                      {isSignIn ? <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">{t("signInAddress")}</span> : null}
                    </p>
                    {identity.confirmed ? null : <IdentityConfirmation id={identity.id} email={identity.email} />}
                    {identity.replyTo ? <p className="text-slate-600">{t("repliesGoTo", { address: identity.replyTo })}</p> : null}
                    {identity.signatureHtml ? (
                      <div
                        aria-label={t("signatureOf", { email: identity.email })}
                        role="group"
                        className="rounded border-l-2 border-slate-200 pl-3 text-slate-700 [&_a]:text-sky-700 [&_a]:underline [&_ul]:list-disc [&_ul]:pl-5"
                        // Sanitised with an allowlist when it was saved (lib/mail/sanitize/signature-html.ts).
                        dangerouslySetInnerHTML={{ __html: identity.signatureHtml }}
                      />
                    ) : (
                      <p className="text-slate-500">{t("noSignature")}</p>
                    )}
                  </div>
                  <div className="flex shrink-0 gap-2">
                    <button
                      type="button"
                      aria-label={t("editIdentity", { email: identity.email })}
                      disabled={pending}
                      onClick={() => setEditing({ mode: "edit", id: identity.id })}
                      className={buttonClass("secondary", "small")}
                    >
                      {t("edit")}
                    </button>
                    {identity.isDefault || !identity.confirmed ? null : (
                      <button
                        type="button"
                        aria-label={t("makeDefaultIdentity", { email: identity.email })}
                        disabled={pending}
                        onClick={() => run(() => makeDefaultIdentityAction({ id: identity.id }))}
                        className={buttonClass("secondary", "small")}
                      >
                        {t("makeDefault")}
                      </button>
                    )}
                    {isSignIn ? null : (
                      <button
                        type="button"
                        aria-label={t("deleteIdentity", { email: identity.email })}
                        disabled={pending}
                        onClick={() => {
                          if (window.confirm(t("confirmDelete", { email: identity.email }))) run(() => deleteIdentityAction({ id: identity.id }));
                        }}
                        className={buttonClass("danger", "small")}
                      >
                        {t("delete")}
                      </button>
                    )}
                  </div>
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {editing?.mode === "add" ? (
        <IdentityForm domains={domains} onDone={() => setEditing(null)} />
      ) : (
        <button type="button" onClick={() => setEditing({ mode: "add" })} className={buttonClass("secondary")}>
          {t("add")}
        </button>
      )}
    </div>
  );
}
