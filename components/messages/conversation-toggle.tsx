"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { setConversationViewAction } from "@/lib/actions/reading-settings";

/** The "Conversation view" switch: saved per user, the list regroups at once. */
export function ConversationToggle({ enabled }: { enabled: boolean }) {
  const router = useRouter();
  const t = useTranslations("messageList");
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="flex items-center gap-2 text-sm">
      <button
        type="button"
        role="switch"
        aria-checked={enabled}
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await setConversationViewAction({ enabled: !enabled });
            if (!result.ok) {
              setError(result.error);
              return;
            }
            setError(null);
            router.refresh();
          })
        }
        className="flex items-center gap-2 rounded-md px-2 py-1 text-slate-700 hover:bg-slate-100 disabled:opacity-60"
      >
        <span aria-hidden="true" className={`relative inline-block h-4 w-7 rounded-full transition ${enabled ? "bg-sky-600" : "bg-slate-300"}`}>
          <span className={`absolute top-0.5 h-3 w-3 rounded-full bg-white transition ${enabled ? "left-3.5" : "left-0.5"}`} />
        </span>
        {t("conversationView")}
      </button>
      {error ? (
        <span role="alert" className="text-red-700">
          {error}
        </span>
      ) : null}
    </div>
  );
}
