"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { Folder } from "@/lib/mail/folders";
import { folderHref } from "@/components/messages/hrefs";
import { FolderIcon } from "./folder-icon";

export function FolderList({ folders }: { folders: Folder[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Folders">
      <ul className="space-y-0.5">
        {folders.map((folder) => {
          const href = folderHref(folder.path);
          const current = pathname === href || pathname.startsWith(`${href}/`);
          return (
            <li key={folder.path}>
              <Link
                href={href}
                aria-current={current ? "page" : undefined}
                className={`flex items-center gap-2 rounded-md px-2 py-1.5 text-sm ${
                  current ? "bg-sky-100 font-medium text-sky-900" : "text-slate-700 hover:bg-slate-100"
                }`}
                style={{ paddingLeft: `${0.5 + folder.parents.length * 0.875}rem` }}
              >
                <FolderIcon specialUse={folder.specialUse} />
                <span className="min-w-0 flex-1 truncate">{folder.name}</span>
                {folder.unread > 0 ? (
                  <span className="rounded-full bg-sky-700 px-1.5 text-xs font-semibold text-white">
                    {folder.unread}
                    <span className="sr-only"> unread</span>
                  </span>
                ) : null}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
