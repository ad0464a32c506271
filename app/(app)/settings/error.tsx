"use client";

import { PageError } from "@/components/app-shell/page-error";

export default function SettingsError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <PageError title="These settings could not be shown" message="Something went wrong while loading your settings. Please try again in a moment." reset={reset} />;
}
