"use client";

import { useId, useState } from "react";
import { useTranslations } from "next-intl";
import type { HeaderField } from "@/lib/mail/message/parse";
import type { AuthenticationRow } from "@/lib/reads/sender-verdict";

/**
 * "Show details": the company server's sender checks (when given: null means it added none) and
 * every header of the message, as sent.
 */
export function HeaderDetails({ headers, authentication }: { headers: HeaderField[]; authentication?: AuthenticationRow[] | null }) {
  const t = useTranslations("messageView.details");
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
        {open ? t("hide") : t("show")}
      </button>
      {open && authentication !== undefined ? <SenderChecks rows={authentication} /> : null}
      {open ? (
        <dl id={id} aria-label={t("allHeaders")} className="mt-2 max-h-96 overflow-auto rounded-lg border border-slate-200 bg-slate-50 p-3 font-mono text-xs">
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

const PASSED = new Set(["pass"]);
const FAILED = new Set(["fail", "softfail", "permerror"]);

function SenderChecks({ rows }: { rows: AuthenticationRow[] | null }) {
  const t = useTranslations("messageView.details");
  return (
    <section aria-label={t("checks")} className="mt-2 rounded-lg border border-slate-200 bg-white p-3 text-xs">
      <h3 className="font-semibold text-slate-700">{t("checks")}</h3>
      {rows === null ? (
        <p className="mt-1 text-slate-600">{t("noChecks")}</p>
      ) : (
        <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5">
          {rows.map((row) => (
            <div key={row.method} className="contents">
              <dt className="font-semibold text-slate-700">{row.method}</dt>
              <dd className={PASSED.has(row.result) ? "text-emerald-800" : FAILED.has(row.result) ? "text-red-800" : "text-slate-700"}>
                <span aria-hidden="true">{PASSED.has(row.result) ? "✓ " : FAILED.has(row.result) ? "✗ " : ""}</span>
                {row.result}
                {row.domain ? ` (${row.domain})` : ""}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
