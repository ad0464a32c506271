import { useTranslations } from "next-intl";
import type { CheckStatus } from "@/lib/deliverability/check-view";

const MARKS: Record<CheckStatus, { symbol: string; className: string }> = {
  green: { symbol: "✓", className: "border-emerald-300 bg-emerald-50 text-emerald-800" },
  amber: { symbol: "!", className: "border-amber-300 bg-amber-50 text-amber-900" },
  red: { symbol: "✗", className: "border-red-300 bg-red-50 text-red-800" },
  unknown: { symbol: "?", className: "border-slate-300 bg-slate-50 text-slate-700" },
};

/** A green, amber or red mark that also says what it means in words (colour alone tells nobody who can't see it). */
export function DeliverabilityMark({ status }: { status: CheckStatus }) {
  const t = useTranslations("settings.deliverability.marks");
  const mark = MARKS[status];
  return (
    <span className={`inline-flex shrink-0 items-center gap-1 rounded-full border px-2 py-0.5 text-xs font-medium ${mark.className}`}>
      <span aria-hidden="true">{mark.symbol}</span>
      {t(status)}
    </span>
  );
}
