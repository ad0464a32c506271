import { useTranslations } from "next-intl";

export function MessageSkeleton() {
  const t = useTranslations("messageView");
  return (
    <div role="status" aria-busy="true" aria-label={t("loading")} className="mx-auto max-w-5xl space-y-3 p-4 sm:p-6">
      <div className="h-7 w-2/3 animate-pulse rounded bg-slate-200/70" />
      <div className="h-4 w-1/3 animate-pulse rounded bg-slate-200/60" />
      <div className="h-4 w-1/4 animate-pulse rounded bg-slate-200/60" />
      <div className="h-80 animate-pulse rounded-lg bg-slate-200/50" />
    </div>
  );
}
