import { useTranslations } from "next-intl";
import Link from "next/link";

export default function FolderNotFound() {
  const t = useTranslations("pages.folder");
  return (
    <section className="p-6">
      <h1 className="mb-4 text-lg font-semibold">{t("notFoundTitle")}</h1>
      <p className="text-sm text-slate-700">{t("notFoundMessage")}</p>
      <Link href="/mail/INBOX" className="mt-4 inline-block text-sm text-sky-700 underline">
        {t("goToInbox")}
      </Link>
    </section>
  );
}
