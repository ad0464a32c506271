"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useMemo } from "react";

/** The settings pages, in the order the tabs (and the command palette) list them, named in the reader's language. */
export function useSettingsSections(): { href: string; label: string }[] {
  const t = useTranslations("settings.nav");
  return useMemo(
    () => [
      { href: "/settings/outgoing", label: t("outgoing") },
      { href: "/settings/identities", label: t("identities") },
      { href: "/settings/folders", label: t("folders") },
      { href: "/settings/sessions", label: t("sessions") },
      { href: "/settings/appearance", label: t("appearance") },
    ],
    [t],
  );
}

export function SettingsNav() {
  const t = useTranslations("settings.nav");
  const sections = useSettingsSections();
  const pathname = usePathname();
  return (
    <nav aria-label={t("label")} className="border-b border-slate-200 bg-white px-2 sm:px-6">
      <ul className="mx-auto flex max-w-3xl flex-wrap gap-x-1">
        {sections.map((section) => {
          const current = pathname === section.href || pathname.startsWith(`${section.href}/`);
          return (
            <li key={section.href}>
              <Link
                href={section.href}
                aria-current={current ? "page" : undefined}
                className={`-mb-px inline-block border-b-2 px-3 py-3 text-sm font-medium ${
                  current ? "border-sky-700 text-sky-800" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900"
                }`}
              >
                {section.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
