"use client";

import { useTranslations } from "next-intl";
import { PageError } from "@/components/app-shell/page-error";

export default function FolderError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("pages.folder");
  return <PageError title={t("errorTitle")} message={t("errorMessage")} reset={reset} />;
}
