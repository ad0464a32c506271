"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useRef } from "react";
import { buttonClass } from "@/components/ui/button-class";
import type { SendQuestion } from "./recipient-warnings";

/** Asks before sending ("Send without a subject?"…): "Send anyway" or "Go back" (the default, focused first). */
export function SendWarningsDialog({ question, onSend, onCancel }: { question: SendQuestion; onSend: () => void; onCancel: () => void }) {
  const t = useTranslations("compose");
  const id = useId();
  const back = useRef<HTMLButtonElement>(null);
  useEffect(() => back.current?.focus(), []);
  return (
    <div className="fixed inset-0 z-40 flex items-center justify-center bg-slate-900/40 p-4">
      <div
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-body`}
        onKeyDown={(event) => {
          if (event.key === "Escape") onCancel();
        }}
        className="w-full max-w-md rounded-xl bg-white p-5 shadow-xl"
      >
        <h2 id={`${id}-title`} className="text-lg font-semibold">
          {question.question}
        </h2>
        <ul id={`${id}-body`} className="mt-3 list-disc space-y-1 pl-5 text-sm text-slate-700">
          {question.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
        <div className="mt-5 flex justify-end gap-2">
          <button ref={back} type="button" onClick={onCancel} className={buttonClass("secondary")}>
            {t("warnings.goBack")}
          </button>
          <button type="button" onClick={onSend} className={buttonClass("primary")}>
            {t("warnings.sendAnyway")}
          </button>
        </div>
      </div>
    </div>
  );
}
