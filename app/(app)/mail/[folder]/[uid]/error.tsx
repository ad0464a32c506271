"use client";

import { useTranslations } from "next-intl";
import { PageError } from "@/components/app-shell/page-error";

export default function MessageError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("pages.message");
  return <PageError title={t("errorTitle")} message={t("errorMessage")} reset={reset} />;
}
