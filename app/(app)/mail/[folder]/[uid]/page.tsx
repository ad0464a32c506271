import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { MessageSection } from "@/components/message-view/message-section";
import { MessageSkeleton } from "@/components/message-view/message-skeleton";
import { parseMessageParams } from "@/app/api/messages/message-params";

interface Props {
  params: Promise<{ folder: string; uid: string }>;
}

export const metadata: Metadata = { title: "Message" };

export default async function MessagePage({ params }: Props) {
  const target = parseMessageParams(await params);
  if (!target) notFound();
  return (
    <Suspense key={`${target.folder}:${target.uid}`} fallback={<MessageSkeleton />}>
      <MessageSection folder={target.folder} uid={target.uid} />
    </Suspense>
  );
}
