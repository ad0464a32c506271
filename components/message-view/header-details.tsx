"use client";

import { useId, useState } from "react";
import type { HeaderField } from "@/lib/mail/message/parse";

/** "Show details": every header of the message, as sent. */
export function HeaderDetails({ headers }: { headers: HeaderField[] }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <div className="mt-2">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((value) => !value)}
        className="rounded-md px-2 py-1 text-xs font-medium text-slate-600 hover:bg-slate-100"
      >
        {open ? "Hide details" : "Show details"}
      </button>
      {open ? (
        <dl id={id} aria-label="All headers" className="mt-2 max-h-96 overflow-auto rounded-lg border border-slate-200 bg-slate-50 p-3 font-mono text-xs">
          {headers.map((header, index) => (
            <div key={index} className="flex gap-2 py-0.5">
              <dt className="shrink-0 font-semibold text-slate-700">{header.name}:</dt>
              <dd className="min-w-0 break-all text-slate-800">{header.value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </div>
  );
}
