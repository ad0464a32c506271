import Link from "next/link";

export default function FolderNotFound() {
  return (
    <section className="p-6">
      <h1 className="mb-4 text-lg font-semibold">Folder not found</h1>
      <p className="text-sm text-slate-700">This address doesn&apos;t name a folder. It may have been deleted or renamed.</p>
      <Link href="/mail/INBOX" className="mt-4 inline-block text-sm text-sky-700 underline">
        Go to Inbox
      </Link>
    </section>
  );
}
