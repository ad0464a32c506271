import { useTranslations } from "next-intl";

export function ComposeSkeleton() {
  const t = useTranslations("compose");
  return (
    <div role="status" aria-busy="true" aria-label={t("skeleton")} className="animate-pulse space-y-3 p-6">
      <div className="h-6 w-40 rounded bg-slate-200" />
      <div className="h-8 rounded bg-slate-100" />
      <div className="h-8 rounded bg-slate-100" />
      <div className="h-8 rounded bg-slate-100" />
      <div className="h-64 rounded bg-slate-100" />
    </div>
  );
}
