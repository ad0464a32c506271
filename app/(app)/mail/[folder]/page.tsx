import type { Metadata } from "next";
import { Suspense } from "react";
import { MessageListSection } from "@/components/messages/message-list-section";
import { MessageListSkeleton } from "@/components/messages/message-list-skeleton";

interface Props {
  params: Promise<{ folder: string }>;
  searchParams: Promise<{ page?: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const folder = decodeURIComponent((await params).folder);
  return { title: folder.toUpperCase() === "INBOX" ? "Inbox" : folder };
}

export default async function FolderPage({ params, searchParams }: Props) {
  const folder = decodeURIComponent((await params).folder);
  const pageNumber = Math.max(1, Number.parseInt((await searchParams).page ?? "1", 10) || 1);
  return (
    <Suspense key={`${folder}:${pageNumber}`} fallback={<MessageListSkeleton />}>
      <MessageListSection folder={folder} page={pageNumber - 1} />
    </Suspense>
  );
}
