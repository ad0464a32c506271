import Link from "next/link";

/** Shown when the message was deleted or moved after the list was loaded. */
export function MessageGone({ folderHref }: { folderHref: string }) {
  return (
    <div className="mx-auto max-w-xl p-8 text-center">
      <h1 className="text-xl font-semibold">This message no longer exists</h1>
      <p className="mt-2 text-slate-600">It may have been deleted or moved to another folder, perhaps from another device.</p>
      <Link href={folderHref} className="mt-4 inline-block rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100">
        Back to the folder
      </Link>
    </div>
  );
}
