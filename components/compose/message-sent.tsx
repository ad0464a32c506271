import Link from "next/link";
import { useTranslations } from "next-intl";
import { useId } from "react";

/** What the composer turns into once the message is on its way. */
export function MessageSent({ sentCopySaved }: { sentCopySaved: boolean }) {
  const t = useTranslations("compose");
  const id = useId();
  return (
    <section aria-labelledby={id} className="m-6 max-w-xl rounded-xl border border-emerald-200 bg-emerald-50 p-6">
      <h1 id={id} role="status" className="text-lg font-semibold text-emerald-900">
        {t("sent.title")}
      </h1>
      {sentCopySaved ? null : <p className="mt-2 text-sm text-emerald-900">{t("sent.copyNotSaved")}</p>}
      <p className="mt-4 flex gap-4 text-sm">
        <Link href="/mail" className="font-medium text-sky-800 underline">
          {t("sent.inbox")}
        </Link>
        <a href="/compose" className="font-medium text-sky-800 underline">
          {t("sent.another")}
        </a>
      </p>
    </section>
  );
}
