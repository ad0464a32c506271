import Link from "next/link";
import { signOutAction } from "@/lib/actions/auth";
import { MailroomLogo } from "./mailroom-logo";

export function TopBar({ email }: { email: string }) {
  return (
    <header className="flex h-14 shrink-0 items-center gap-4 border-b border-slate-200 bg-white px-4">
      <Link href="/mail" className="flex items-center gap-2 font-semibold text-slate-900" aria-label="Mailroom, go to Inbox">
        <MailroomLogo className="h-7 w-7" />
        <span>Mailroom</span>
      </Link>
      <Link
        href="/compose"
        className="ml-4 rounded-lg bg-sky-700 px-4 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-sky-800 focus:outline-none focus:ring-2 focus:ring-sky-300"
      >
        Compose
      </Link>
      <div className="ml-auto flex items-center gap-3 text-sm">
        <p className="hidden text-slate-600 sm:block">
          <span className="sr-only">Signed in as </span>
          {email}
        </p>
        <Link href="/settings/outgoing" className="rounded-md px-3 py-1.5 text-slate-700 hover:bg-slate-100">
          Settings
        </Link>
        <form action={signOutAction}>
          <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-100">
            Sign out
          </button>
        </form>
      </div>
    </header>
  );
}
