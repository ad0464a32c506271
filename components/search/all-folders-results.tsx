import { Suspense } from "react";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireSession } from "@/lib/auth/current-session";
import type { Folder } from "@/lib/mail/imap/folders";
import type { SearchQuery } from "@/lib/mail/imap/search-query";
import { readFolderSearchResults, readSearchFolders, RESULTS_PER_FOLDER } from "@/lib/reads/all-folders-search";
import { searchQueryParams } from "@/lib/search-params";
import { folderDisplayName } from "@/components/messages/folder-name";
import { listHref, messageHref } from "@/components/messages/hrefs";
import { MessageRow } from "@/components/messages/message-row";

/**
 * "All folders" search. Each folder's results sit in their own Suspense boundary and stream to
 * the browser as soon as that folder is done.
 */
export async function AllFoldersResults({ query }: { query: SearchQuery }) {
  const result = await readSearchFolders(await requireSession());
  if (!result.ok) {
    return (
      <p role="alert" className="m-6 rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-800">
        {result.error}
      </p>
    );
  }
  const folders = result.data;
  const t = await getTranslations("search");
  const tFolders = await getTranslations("folders");
  const nameOf = (folder: Folder) => folderDisplayName(folder.path, tFolders("inbox"));
  return (
    <section aria-labelledby="search-heading" className="bg-white">
      <h1 id="search-heading" className="border-b border-slate-200 px-4 py-3 text-lg font-semibold">
        {t("resultsInAllFolders")}
      </h1>
      {folders.map((folder) => (
        <Suspense key={folder.path} fallback={<FolderPending name={nameOf(folder)} />}>
          <FolderResults folder={folder} name={nameOf(folder)} query={query} />
        </Suspense>
      ))}
    </section>
  );
}

function FolderPending({ name }: { name: string }) {
  const t = useTranslations("search");
  return (
    <div aria-busy="true" className="border-b border-slate-100 px-4 py-2 text-sm text-slate-500">
      {t("searching", { folder: name })}
    </div>
  );
}

async function FolderResults({ folder, name, query }: { folder: Folder; name: string; query: SearchQuery }) {
  const t = await getTranslations("search");
  const search = searchQueryParams({ ...query, allFolders: false });
  const found = await readFolderSearchResults(await requireSession(), folder.path, query);
  if (!found.ok) {
    return (
      <p role="alert" className="border-b border-slate-100 px-4 py-2 text-sm text-red-800">
        {name}: {found.error}
      </p>
    );
  }
  const result = found.data;
  if (result.total === 0) return null;
  const headingId = `results-${encodeURIComponent(folder.path)}`;
  return (
    <section aria-labelledby={headingId} className="border-b border-slate-200">
      <div className="flex items-center justify-between bg-slate-50 px-4 py-1.5 text-sm">
        <h2 id={headingId} className="font-medium">
          {t("folderTotal", { folder: name, total: result.total })}
        </h2>
        {result.total > RESULTS_PER_FOLDER ? (
          <Link href={listHref(folder.path, { search })} className="text-sky-700 underline">
            {t("allInFolder", { folder: name, total: result.total })}
          </Link>
        ) : null}
      </div>
      <ul aria-label={t("messagesIn", { folder: name })} className="divide-y divide-slate-100">
        {result.messages.map((message) => (
          <MessageRow key={message.uid} message={message} href={messageHref(folder.path, message.uid, { search })} folderName={name} />
        ))}
      </ul>
    </section>
  );
}
