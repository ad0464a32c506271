"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useId, useState } from "react";
import { runAction } from "@/components/run-action";
import { dismissSendFailureAction, undoSendAction } from "@/lib/actions/compose";
import type { SendStatus } from "@/lib/db/pending-sends";

function draftUrl(messageId: string): string {
  return `/compose?${new URLSearchParams({ mid: messageId })}`;
}

/** The ICU arguments that name a send in the outbox's messages: its subject, or "a message without subject". */
function named(send: SendStatus): { withSubject: "yes" | "no"; subject: string } {
  return { withSubject: send.subject ? "yes" : "no", subject: send.subject };
}

/**
 * The outbox as a short list: a message waiting out its undo delay can be undone from here (any
 * tab, any instance), one that failed after its page was closed says why and links to its draft.
 * The list refreshes itself once the last delay is over.
 */
export function OutboxNotices({ sends }: { sends: SendStatus[] }) {
  const t = useTranslations("compose");
  const id = useId();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const lastDue = Math.max(0, ...sends.filter((send) => send.state !== "failed").map((send) => send.msLeft));
  const waiting = sends.some((send) => send.state !== "failed");

  useEffect(() => {
    if (!waiting) return;
    const timer = setTimeout(() => router.refresh(), lastDue + 2_000);
    return () => clearTimeout(timer);
  }, [waiting, lastDue, router]);

  async function act(run: () => Promise<{ ok: true } | { ok: false; error: string }>) {
    setBusy(true);
    setError(null);
    const result = await run();
    setBusy(false);
    if (!result.ok) setError(result.error);
    router.refresh();
  }

  return (
    <section aria-labelledby={id} className="mb-3 rounded-lg border border-slate-200 bg-white p-2 text-sm">
      <h2 id={id} className="px-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">
        {t("outbox.title")}
      </h2>
      <ul className="mt-1 space-y-2">
        {sends.map((send) => (
          <li key={send.messageId} className="px-1">
            {send.state === "failed" ? (
              <div role="alert" className="text-red-800">
                <p>{t("outbox.failed", { ...named(send), error: send.error ?? "" })}</p>
                <p className="mt-1 flex gap-3">
                  <a href={draftUrl(send.messageId)} className="font-medium text-sky-800 underline">
                    {t("outbox.openDraft")}
                  </a>
                  <button
                    type="button"
                    disabled={busy}
                    aria-label={t("outbox.dismissLabel", named(send))}
                    onClick={() => void act(() => runAction(() => dismissSendFailureAction({ messageId: send.messageId })))}
                    className="text-slate-600 underline"
                  >
                    {t("outbox.dismiss")}
                  </button>
                </p>
              </div>
            ) : (
              <div className="flex items-center justify-between gap-2 text-slate-700">
                <span>{t("outbox.sending", named(send))}</span>
                {send.state === "pending" ? (
                  <button
                    type="button"
                    disabled={busy}
                    aria-label={t("outbox.undoLabel", named(send))}
                    onClick={() => void act(() => runAction(() => undoSendAction({ messageId: send.messageId })))}
                    className="rounded px-2 py-0.5 font-medium text-sky-800 hover:bg-sky-50"
                  >
                    {t("undo")}
                  </button>
                ) : null}
              </div>
            )}
          </li>
        ))}
      </ul>
      {error ? (
        <p role="alert" className="mt-2 px-1 text-red-800">
          {error}
        </p>
      ) : null}
    </section>
  );
}
