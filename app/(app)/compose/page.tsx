import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { ComposeSection } from "@/components/compose/compose-section";
import type { ComposeParams } from "@/lib/reads/compose-start";
import { ComposeSkeleton } from "@/components/compose/compose-skeleton";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pages");
  return { title: t("compose.title") };
}

export default async function ComposePage({ searchParams }: { searchParams: Promise<ComposeParams> }) {
  const params = await searchParams;
  return (
    <Suspense key={JSON.stringify(params)} fallback={<ComposeSkeleton />}>
      <ComposeSection params={params} />
    </Suspense>
  );
}
