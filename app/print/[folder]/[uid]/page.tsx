import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { MessagePrintSection } from "@/components/message-view/message-print-section";
import { MessageSkeleton } from "@/components/message-view/message-skeleton";
import { parseMessageParams } from "@/lib/reads/message-params";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pages");
  return { title: t("print.title") };
}

/** A clean page for printing one message, outside the app shell. */
export default async function PrintMessagePage({ params }: { params: Promise<{ folder: string; uid: string }> }) {
  const target = parseMessageParams(await params);
  if (!target) notFound();
  return (
    <Suspense fallback={<MessageSkeleton />}>
      <MessagePrintSection folder={target.folder} uid={target.uid} />
    </Suspense>
  );
}
