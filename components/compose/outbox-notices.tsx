"use client";

import { useRouter } from "next/navigation";
import { useEffect, useId, useState } from "react";
import { runAction } from "@/components/run-action";
import { dismissSendFailureAction, undoSendAction } from "@/lib/actions/compose";
import type { SendStatus } from "@/lib/db/pending-sends";

function draftUrl(messageId: string): string {
  return `/compose?${new URLSearchParams({ mid: messageId })}`;
}

function named(send: SendStatus): string {
  return send.subject ? `“${send.subject}”` : "A message without subject";
}

/**
 * The outbox as a short list: a message waiting out its undo delay can be undone from here (any
 * tab, any instance), one that failed after its page was closed says why and links to its draft.
 * The list refreshes itself once the last delay is over.
 */
export function OutboxNotices({ sends }: { sends: SendStatus[] }) {
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
        Outbox
      </h2>
      <ul className="mt-1 space-y-2">
        {sends.map((send) => (
          <li key={send.messageId} className="px-1">
            {send.state === "failed" ? (
              <div role="alert" className="text-red-800">
                <p>
                  {named(send)} was not sent. {send.error}
                </p>
                <p className="mt-1 flex gap-3">
                  <a href={draftUrl(send.messageId)} className="font-medium text-sky-800 underline">
                    Open draft
                  </a>
                  <button
                    type="button"
                    disabled={busy}
                    aria-label={`Dismiss the failure of ${named(send)}`}
                    onClick={() => void act(() => runAction(() => dismissSendFailureAction({ messageId: send.messageId })))}
                    className="text-slate-600 underline"
                  >
                    Dismiss
                  </button>
                </p>
              </div>
            ) : (
              <div className="flex items-center justify-between gap-2 text-slate-700">
                <span>Sending {named(send)}…</span>
                {send.state === "pending" ? (
                  <button
                    type="button"
                    disabled={busy}
                    aria-label={`Undo sending ${named(send)}`}
                    onClick={() => void act(() => runAction(() => undoSendAction({ messageId: send.messageId })))}
                    className="rounded px-2 py-0.5 font-medium text-sky-800 hover:bg-sky-50"
                  >
                    Undo
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
