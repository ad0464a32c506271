"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { dismissActionNotice, useActionNotice } from "./action-notice";
import { undoLastMessageOperation } from "./message-action-runner";

// How long a notice (and its Undo) stays on screen.
const SHOW_MS = 8000;

/** The notice after an action, in a live region: what was done and Undo (also the `z` key), or why it failed. */
export function UndoToast() {
  const notice = useActionNotice();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!notice || notice.text === "Undoing…") return;
    const timer = setTimeout(() => dismissActionNotice(notice.id), notice.failed ? SHOW_MS * 2 : SHOW_MS);
    return () => clearTimeout(timer);
  }, [notice]);

  async function undo() {
    setBusy(true);
    try {
      if (await undoLastMessageOperation()) router.refresh();
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="pointer-events-none fixed inset-x-0 bottom-4 z-40 flex justify-center px-4">
      <div role={notice?.failed ? "alert" : "status"} aria-label="Last action" aria-live={notice?.failed ? "assertive" : "polite"} className="pointer-events-auto">
        {notice ? (
          <div
            className={`flex items-center gap-4 rounded-lg px-4 py-2.5 text-sm shadow-lg ${notice.failed ? "border border-red-200 bg-red-50 text-red-800" : "bg-slate-900 text-white"}`}
          >
            <span>{notice.text}</span>
            {notice.undo.length > 0 ? (
              <button type="button" onClick={undo} disabled={busy} className="rounded-md px-2 py-1 font-semibold text-sky-300 hover:bg-white/10 disabled:opacity-60">
                Undo
              </button>
            ) : null}
            <button type="button" aria-label="Dismiss" onClick={() => dismissActionNotice(notice.id)} className="rounded-md px-1.5 py-0.5 opacity-70 hover:opacity-100">
              ×
            </button>
          </div>
        ) : null}
      </div>
    </div>
  );
}
