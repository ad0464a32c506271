import Link from "next/link";
import { useTranslations } from "next-intl";

/** Shown when the message was deleted or moved after the list was loaded. */
export function MessageGone({ folderHref }: { folderHref: string }) {
  const t = useTranslations("messageView.gone");
  return (
    <div className="mx-auto max-w-xl p-8 text-center">
      <h1 className="text-xl font-semibold">{t("title")}</h1>
      <p className="mt-2 text-slate-600">{t("text")}</p>
      <Link href={folderHref} className="mt-4 inline-block rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100">
        {t("back")}
      </Link>
    </div>
  );
}
