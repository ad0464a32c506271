"use client";

import Link from "next/link";

interface Props {
  title: string;
  message: string;
  reset: () => void;
}

/** What a segment's error.tsx shows for a fault the page didn't turn into words: a calm message and a way on, never a stack trace. */
export function PageError({ title, message, reset }: Props) {
  return (
    <section className="mx-auto max-w-3xl p-6">
      <h1 className="mb-4 text-lg font-semibold">{title}</h1>
      <p role="alert" className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-800">
        {message}
      </p>
      <div className="mt-4 flex gap-3 text-sm">
        <button type="button" onClick={reset} className="rounded-md bg-sky-700 px-3 py-1.5 font-medium text-white hover:bg-sky-800">
          Try again
        </button>
        <Link href="/mail/INBOX" className="rounded-md px-3 py-1.5 text-sky-700 underline">
          Go to Inbox
        </Link>
      </div>
    </section>
  );
}
