import { useTranslations } from "next-intl";

/**
 * A warning in the message's header, outside its frame (so the message's own CSS can't hide it),
 * when links in the body say they go to one site and go to another, or name a look-alike host.
 * The count comes from the server's sanitising of this very open of the message.
 */
export function DeceptiveLinksNotice({ count }: { count: number }) {
  const t = useTranslations("linkWarnings");
  if (count <= 0) return null;
  const summary = t("summary", { count });
  return (
    <div role="alert" aria-label={summary} className="mt-3 rounded-lg border border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-900">
      <p>
        {summary}. {t("detail")}
      </p>
    </div>
  );
}
