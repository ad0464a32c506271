import { useTranslations } from "next-intl";

export function MessageListSkeleton() {
  const t = useTranslations("messageList");
  return (
    <div role="status" aria-busy="true" aria-label={t("loading")} className="space-y-px p-4">
      {Array.from({ length: 10 }, (_, index) => (
        <div key={index} className="h-12 animate-pulse rounded bg-slate-200/60" />
      ))}
    </div>
  );
}
