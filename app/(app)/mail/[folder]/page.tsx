import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { Fragment } from "react";
import { isSearch, parseSearchQuery } from "@/lib/search-params";
import { parseSortKey } from "@/lib/sort-key";
import { LiveMailbox } from "@/components/live/live-mailbox";
import { folderDisplayName } from "@/components/messages/folder-name";
import { MessageListSection } from "@/components/messages/message-list-section";
import { AllFoldersResults } from "@/components/search/all-folders-results";
import { SearchForm } from "@/components/search/search-form";

type SearchParams = Record<string, string | string[] | undefined>;

interface Props {
  params: Promise<{ folder: string }>;
  searchParams: Promise<SearchParams>;
}

function decodeFolder(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const folder = decodeFolder((await params).folder);
  const t = await getTranslations("pages.folder");
  return { title: folder ? folderDisplayName(folder, (await getTranslations("folders"))("inbox")) : t("fallbackTitle") };
}

export default async function FolderPage({ params, searchParams }: Props) {
  const folder = decodeFolder((await params).folder);
  if (folder === null) notFound();
  const raw = await searchParams;
  const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  const page = Math.max(1, Number.parseInt(single(raw.page) ?? "1", 10) || 1) - 1;
  const sort = parseSortKey(single(raw.sort));
  const query = parseSearchQuery(raw);
  const key = JSON.stringify([folder, page, sort, raw]);
  return (
    <div className="flex min-h-full flex-col">
      <div className="border-b border-slate-200 bg-white px-4 py-3">
        <SearchForm key={key} folder={folder} query={query} />
      </div>
      <LiveMailbox folder={folder} name={folderDisplayName(folder, (await getTranslations("folders"))("inbox"))} />
      {/* No Suspense fallback: React would hold the list back until 300 ms after a skeleton appeared
          (MessagePage says more). The key still gives each page, sort and search fresh client state. */}
      <Fragment key={key}>
        {query.allFolders && isSearch(query) ? <AllFoldersResults query={query} /> : <MessageListSection folder={folder} page={page} sort={sort} query={query} />}
      </Fragment>
    </div>
  );
}
