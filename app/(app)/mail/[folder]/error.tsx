"use client";

import { PageError } from "@/components/app-shell/page-error";

export default function FolderError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <PageError title="This folder could not be shown" message="Something went wrong while loading your mail. Please try again in a moment." reset={reset} />;
}
