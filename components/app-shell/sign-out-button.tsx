"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { runAction } from "@/components/run-action";
import { buttonClass } from "@/components/ui/button-class";
import { signOutAction } from "@/lib/actions/auth";

/**
 * Signs out: a plain form posting the server action (so it works before the page's script has
 * loaded), and once it has, the same action called from here so that a lost connection says so
 * beside the button instead of breaking the page.
 */
export function SignOutButton() {
  const t = useTranslations("shell");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <form
      action={signOutAction}
      onSubmit={(event) => {
        event.preventDefault();
        setError(null);
        startTransition(async () => {
          const result = await runAction(async () => {
            await signOutAction();
            return { ok: true, data: null };
          });
          if (!result.ok) setError(result.error);
        });
      }}
      className="flex items-center gap-2"
    >
      {error ? (
        <p role="alert" className="max-w-xs text-xs text-red-700">
          {error}
        </p>
      ) : null}
      <button type="submit" disabled={pending} className={buttonClass("secondary", "small")}>
        {t("signOut")}
      </button>
    </form>
  );
}
