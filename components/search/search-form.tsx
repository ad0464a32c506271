import { useTranslations } from "next-intl";
import type { SearchQuery } from "@/lib/mail/imap/search-query";
import { SEARCH_PARAMS, isSearch } from "@/lib/search-params";

/**
 * The search box and its filters: a plain GET form on the folder's own URL, so results are
 * addressable, pageable and survive reload, back and forward.
 */
export function SearchForm({ folder, query }: { folder: string; query: SearchQuery }) {
  const filtersUsed = Boolean(query.from || query.to || query.subject || query.hasAttachment || query.unread || query.starred || query.since || query.before);
  const t = useTranslations("search");
  const field = "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm";
  return (
    <form role="search" aria-label={t("searchMail")} method="get" action={`/mail/${encodeURIComponent(folder)}`} className="space-y-2">
      <div className="flex flex-wrap items-center gap-2 sm:flex-nowrap">
        <input
          type="search"
          name={SEARCH_PARAMS.text}
          aria-label={t("searchMail")}
          placeholder={t("searchMail")}
          defaultValue={query.text}
          className="min-h-11 min-w-0 flex-1 basis-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm sm:basis-0 md:min-h-0"
        />
        <label className="flex items-center gap-1 text-sm text-slate-600">
          <span>{t("searchIn")}</span>
          <select name={SEARCH_PARAMS.allFolders} defaultValue={query.allFolders ? "all" : "folder"} className={field}>
            <option value="folder">{t("thisFolder")}</option>
            <option value="all">{t("allFolders")}</option>
          </select>
        </label>
        <button type="submit" className="min-h-11 rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800 md:min-h-0">
          {t("search")}
        </button>
        {isSearch(query) ? (
          <a
            href={`/mail/${encodeURIComponent(folder)}`}
            className="inline-flex min-h-11 items-center rounded-md px-2 py-1 text-sm whitespace-nowrap text-slate-600 hover:bg-slate-100 md:min-h-0"
          >
            {t("clear")}
          </a>
        ) : null}
      </div>
      <details open={filtersUsed} className="text-sm">
        <summary className="cursor-pointer py-2 text-slate-600 md:py-0">{t("filters")}</summary>
        <div className="mt-2 grid grid-cols-2 gap-2 sm:grid-cols-4">
          <label className="flex flex-col gap-0.5">
            <span className="text-slate-600">{t("from")}</span>
            <input name={SEARCH_PARAMS.from} defaultValue={query.from} className={field} />
          </label>
          <label className="flex flex-col gap-0.5">
            <span className="text-slate-600">{t("to")}</span>
            <input name={SEARCH_PARAMS.to} defaultValue={query.to} className={field} />
          </label>
          <label className="flex flex-col gap-0.5">
            <span className="text-slate-600">{t("subject")}</span>
            <input name={SEARCH_PARAMS.subject} defaultValue={query.subject} className={field} />
          </label>
          <label className="flex flex-col gap-0.5">
            <span className="text-slate-600">{t("since")}</span>
            <input type="date" name={SEARCH_PARAMS.since} defaultValue={query.since} className={field} />
          </label>
          <label className="flex flex-col gap-0.5">
            <span className="text-slate-600">{t("before")}</span>
            <input type="date" name={SEARCH_PARAMS.before} defaultValue={query.before} className={field} />
          </label>
          <label className="flex items-center gap-1.5">
            <input type="checkbox" name={SEARCH_PARAMS.hasAttachment} value="1" defaultChecked={query.hasAttachment} />
            {t("hasAttachment")}
          </label>
          <label className="flex items-center gap-1.5">
            <input type="checkbox" name={SEARCH_PARAMS.unread} value="1" defaultChecked={query.unread} />
            {t("unread")}
          </label>
          <label className="flex items-center gap-1.5">
            <input type="checkbox" name={SEARCH_PARAMS.starred} value="1" defaultChecked={query.starred} />
            {t("starred")}
          </label>
        </div>
      </details>
    </form>
  );
}
