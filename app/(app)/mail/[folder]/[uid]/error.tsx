"use client";

export default function MessageError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="mx-auto max-w-xl p-8 text-center">
      <h1 className="text-xl font-semibold">This message couldn't be shown</h1>
      <p className="mt-2 text-slate-600">Something went wrong while opening it. Please try again in a moment.</p>
      <button type="button" onClick={reset} className="mt-4 rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100">
        Try again
      </button>
    </div>
  );
}
