"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { setAfterMoveAction, setConversationViewAction, setMarkReadOnOpenAction } from "@/lib/actions/reading-settings";

/** The reader's choices that change how messages open. */
export function ReadingSettingsToggle({ markReadOnOpen, conversationView, afterMove }: { markReadOnOpen: boolean; conversationView: boolean; afterMove: "next" | "list" }) {
  const router = useRouter();
  const t = useTranslations("messageView.reading");
  const [markRead, setMarkRead] = useState(markReadOnOpen);
  const [conversations, setConversations] = useState(conversationView);
  const [backToList, setBackToList] = useState(afterMove === "list");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <fieldset className="flex flex-wrap items-center gap-4 text-xs text-slate-600">
      <legend className="sr-only">{t("legend")}</legend>
      <label className="flex items-center gap-1.5">
        <input
          type="checkbox"
          checked={markRead}
          disabled={pending}
          onChange={(event) => {
            const enabled = event.target.checked;
            setMarkRead(enabled);
            startTransition(async () => {
              const result = await setMarkReadOnOpenAction({ enabled });
              if (!result.ok) setMarkRead(!enabled);
              setError(result.ok ? null : result.error);
            });
          }}
        />
        {t("markRead")}
      </label>
      <label className="flex items-center gap-1.5">
        <input
          type="checkbox"
          checked={conversations}
          disabled={pending}
          onChange={(event) => {
            const enabled = event.target.checked;
            setConversations(enabled);
            startTransition(async () => {
              const result = await setConversationViewAction({ enabled });
              if (result.ok) router.refresh();
              else setConversations(!enabled);
              setError(result.ok ? null : result.error);
            });
          }}
        />
        {t("conversation")}
      </label>
      <label className="flex items-center gap-1.5">
        <input
          type="checkbox"
          checked={backToList}
          disabled={pending}
          onChange={(event) => {
            const enabled = event.target.checked;
            setBackToList(enabled);
            startTransition(async () => {
              const result = await setAfterMoveAction({ afterMove: enabled ? "list" : "next" });
              if (result.ok) router.refresh();
              else setBackToList(!enabled);
              setError(result.ok ? null : result.error);
            });
          }}
        />
        {t("backToList")}
      </label>
      {error ? (
        <span role="alert" className="text-red-700">
          {error}
        </span>
      ) : null}
    </fieldset>
  );
}
