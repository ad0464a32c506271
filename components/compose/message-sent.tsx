import Link from "next/link";
import { useId } from "react";

/** What the composer turns into once the message is on its way. */
export function MessageSent({ sentCopySaved }: { sentCopySaved: boolean }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="m-6 max-w-xl rounded-xl border border-emerald-200 bg-emerald-50 p-6">
      <h1 id={id} role="status" className="text-lg font-semibold text-emerald-900">
        Message sent.
      </h1>
      {sentCopySaved ? null : <p className="mt-2 text-sm text-emerald-900">The copy could not be saved in your Sent folder.</p>}
      <p className="mt-4 flex gap-4 text-sm">
        <Link href="/mail" className="font-medium text-sky-800 underline">
          Go to Inbox
        </Link>
        <a href="/compose" className="font-medium text-sky-800 underline">
          Write another message
        </a>
      </p>
    </section>
  );
}
