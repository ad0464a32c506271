import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { MessageSection } from "@/components/message-view/message-section";
import { MessageSkeleton } from "@/components/message-view/message-skeleton";
import { parseMessageParams } from "@/lib/reads/message-params";

interface Props {
  params: Promise<{ folder: string; uid: string }>;
  /** The list's position (page, sort, search) the reader came from, kept for the way back. */
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pages");
  return { title: t("message.title") };
}

export default async function MessagePage({ params, searchParams }: Props) {
  const target = parseMessageParams(await params);
  if (!target) notFound();
  const listState = new URLSearchParams();
  for (const [name, value] of Object.entries(await searchParams)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) listState.append(name, item);
  }
  return (
    <Suspense key={`${target.folder}:${target.uid}`} fallback={<MessageSkeleton />}>
      <MessageSection folder={target.folder} uid={target.uid} listQuery={listState.toString()} />
    </Suspense>
  );
}
