"use client";

import { PageError } from "@/components/app-shell/page-error";

export default function MessageError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <PageError title="This message couldn't be shown" message="Something went wrong while opening it. Please try again in a moment." reset={reset} />;
}
