"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** The settings pages, in the order the tabs (and the command palette) list them. */
export const SETTINGS_SECTIONS = [
  { href: "/settings/outgoing", label: "Outgoing mail" },
  { href: "/settings/identities", label: "Identities" },
  { href: "/settings/folders", label: "Folders" },
  { href: "/settings/sessions", label: "Signed-in devices" },
  { href: "/settings/appearance", label: "Appearance" },
];

export function SettingsNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Settings" className="border-b border-slate-200 bg-white px-2 sm:px-6">
      <ul className="mx-auto flex max-w-3xl flex-wrap gap-x-1">
        {SETTINGS_SECTIONS.map((section) => {
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
