"use client";

/** Anything the page didn't turn into words itself: a calm message and a way on, never a stack trace. */
export default function IdentitiesError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <section className="mx-auto max-w-3xl p-6">
      <h1 className="mb-4 text-lg font-semibold">These settings could not be shown</h1>
      <p role="alert" className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-800">
        Something went wrong while loading your settings. Please try again in a moment.
      </p>
      <button type="button" onClick={reset} className="mt-4 rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800">
        Try again
      </button>
    </section>
  );
}
