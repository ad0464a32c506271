import { useTranslations } from "next-intl";

export function FolderNavSkeleton() {
  const t = useTranslations("folders");
  return (
    <nav aria-label={t("nav")} aria-busy="true" className="space-y-2 p-2">
      {Array.from({ length: 6 }, (_, index) => (
        <div key={index} className="h-6 animate-pulse rounded bg-slate-200/70" />
      ))}
    </nav>
  );
}
