import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { Fragment } from "react";
import { MessageSection } from "@/components/message-view/message-section";
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
  // No Suspense fallback (nor loading.tsx) in front of the message: React shows a boundary's content
  // no sooner than 300 ms after its fallback appeared, so a click that showed a skeleton waited at
  // least that long for a message the server had in ~75 ms. A click keeps the list on screen, its
  // row marked as opening (MessageRow), until the message is ready, and commits it at once.
  return (
    <Fragment key={`${target.folder}:${target.uid}`}>
      <MessageSection folder={target.folder} uid={target.uid} listQuery={listState.toString()} />
    </Fragment>
  );
}
