"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button-class";

interface Props {
  title: string;
  message: string;
  reset: () => void;
}

/** What a segment's error.tsx shows for a fault the page didn't turn into words: a calm message and a way on, never a stack trace. */
export function PageError({ title, message, reset }: Props) {
  const t = useTranslations("shell");
  return (
    <section className="mx-auto max-w-3xl p-6">
      <h1 className="mb-4 text-lg font-semibold">{title}</h1>
      <Alert tone="error">{message}</Alert>
      <div className="mt-4 flex gap-3 text-sm">
        <button type="button" onClick={reset} className={buttonClass("primary", "small")}>
          {t("tryAgain")}
        </button>
        <Link href="/mail/INBOX" className="rounded-md px-3 py-1.5 text-sky-700 underline">
          {t("goToInbox")}
        </Link>
      </div>
    </section>
  );
}
