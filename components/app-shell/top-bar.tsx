import Link from "next/link";
import { buttonClass } from "@/components/ui/button-class";
import { MailroomLogo } from "./mailroom-logo";
import { SignOutButton } from "./sign-out-button";

export function TopBar({ email }: { email: string }) {
  return (
    <header className="flex h-14 shrink-0 items-center gap-4 border-b border-slate-200 bg-white px-4">
      <Link href="/mail" className="flex items-center gap-2 font-semibold text-slate-900" aria-label="Mailroom, go to Inbox">
        <MailroomLogo className="h-7 w-7" />
        <span>Mailroom</span>
      </Link>
      <Link href="/compose" className={`ml-4 ${buttonClass("primary", "small")}`}>
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
        <SignOutButton />
      </div>
    </header>
  );
}
