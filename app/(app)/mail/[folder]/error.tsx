"use client";

import Link from "next/link";

/** Anything the list didn't turn into words itself: a calm message and a way on, never a stack trace. */
export default function FolderError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <section className="p-6">
      <h1 className="mb-4 text-lg font-semibold">This folder could not be shown</h1>
      <p role="alert" className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-800">
        Something went wrong while loading your mail. Please try again in a moment.
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
