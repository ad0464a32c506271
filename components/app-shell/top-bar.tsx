import { useTranslations } from "next-intl";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button-class";
import { FoldersButton } from "./folder-drawer";
import { MailroomLogo } from "./mailroom-logo";
import { SignOutButton } from "./sign-out-button";

export function TopBar({ email }: { email: string }) {
  const t = useTranslations("shell");
  return (
    <header className="flex h-14 shrink-0 items-center gap-1 border-b border-slate-200 bg-white px-2 sm:gap-4 sm:px-4">
      <FoldersButton />
      <Link href="/mail" className="flex min-h-11 min-w-11 items-center justify-center gap-2 rounded-md font-semibold text-slate-900 md:min-h-0" aria-label={t("homeLink")}>
        <MailroomLogo className="h-7 w-7" />
        <span className="hidden sm:inline">{t("productName")}</span>
      </Link>
      <Link href="/compose" className={`sm:ml-4 ${buttonClass("primary", "small")}`}>
        {t("compose")}
      </Link>
      <div className="ml-auto flex items-center gap-1 text-sm sm:gap-3">
        <p className="hidden text-slate-600 lg:block">
          <span className="sr-only">{t("signedInAs")} </span>
          {email}
        </p>
        <Link
          href="/settings/outgoing"
          className="inline-flex min-h-11 min-w-11 items-center justify-center rounded-md text-slate-700 hover:bg-slate-100 sm:px-3 md:min-h-0 md:py-1.5"
        >
          <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5 sm:hidden" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
            <circle cx="12" cy="12" r="3" />
            <path d="M19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3 1.7 1.7 0 0 0-1 1.5V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5 1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8 1.7 1.7 0 0 0-1.5-1H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1 1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3h.1a1.7 1.7 0 0 0 1-1.5V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 1 1.5 1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8v.1a1.7 1.7 0 0 0 1.5 1H21a2 2 0 1 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1z" />
          </svg>
          <span className="sr-only sm:not-sr-only">{t("settings")}</span>
        </Link>
        <SignOutButton />
      </div>
    </header>
  );
}
