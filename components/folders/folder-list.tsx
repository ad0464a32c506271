"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useContext, useState } from "react";
import { useTranslations } from "next-intl";
import type { FolderNode } from "@/lib/mail/imap/folders";
import { folderHref } from "@/components/messages/hrefs";
import { usePublishFolders } from "./folder-directory";
import { FolderIcon } from "./folder-icon";
import { MessageDropProvider, useFolderDropTarget } from "./message-drop";
import { FolderCountsContext, useFolderCounts } from "./use-folder-counts";

/** The open folder's path, from a URL like /mail/<encoded path>[/<uid>]. */
function openFolder(pathname: string): string | null {
  const match = /^\/mail\/([^/]+)/.exec(pathname);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return null;
  }
}

export function FolderList({ folders }: { folders: FolderNode[] }) {
  const current = openFolder(usePathname());
  const counts = useFolderCounts(folders);
  const t = useTranslations("folders");
  usePublishFolders(folders, t("inbox"));
  return (
    <nav aria-label={t("nav")}>
      <FolderCountsContext value={counts}>
        <MessageDropProvider>
          <FolderLevel nodes={folders} depth={0} current={current} />
        </MessageDropProvider>
      </FolderCountsContext>
    </nav>
  );
}

function FolderLevel({ nodes, depth, current }: { nodes: FolderNode[]; depth: number; current: string | null }) {
  return (
    <ul className="space-y-0.5">
      {nodes.map((node) => (
        <FolderItem key={node.path} node={node} depth={depth} current={current} />
      ))}
    </ul>
  );
}

function FolderItem({ node, depth, current }: { node: FolderNode; depth: number; current: string | null }) {
  const t = useTranslations("folders");
  const [expanded, setExpanded] = useState(true);
  const name = node.specialUse === "\\Inbox" ? t("inbox") : node.name;
  const isCurrent = current === node.path;
  const unreadCount = useContext(FolderCountsContext)?.[node.path]?.unread ?? node.unread;
  const drop = useFolderDropTarget(node.path);
  const indent = { paddingLeft: `${0.25 + depth * 0.875}rem` };
  const unread =
    unreadCount > 0 ? (
      <span className="rounded-full bg-sky-700 px-1.5 text-xs font-semibold text-white">
        {unreadCount}
        <span className="sr-only"> {t("unread")}</span>
      </span>
    ) : null;
  return (
    <li>
      <div className="flex items-center" style={indent}>
        {node.children.length > 0 ? (
          <button
            type="button"
            aria-expanded={expanded}
            aria-label={expanded ? t("collapse", { name }) : t("expand", { name })}
            onClick={() => setExpanded((value) => !value)}
            className="flex h-11 w-8 shrink-0 items-center justify-center rounded text-slate-500 hover:bg-slate-100 md:h-6 md:w-5"
          >
            <span aria-hidden="true">{expanded ? "▾" : "▸"}</span>
          </button>
        ) : (
          <span className="w-5 shrink-0" aria-hidden="true" />
        )}
        {node.selectable ? (
          <Link
            href={folderHref(node.path)}
            // A folder's page is all dynamic (no loading skeleton): a prefetch would only ask the server for its route.
            prefetch={false}
            aria-current={isCurrent ? "page" : undefined}
            {...drop.handlers}
            className={`${drop.over ? "ring-2 ring-sky-500 " : ""}flex min-h-11 min-w-0 flex-1 items-center gap-2 rounded-md px-2 py-1.5 text-sm md:min-h-0 ${
              isCurrent ? "bg-sky-100 font-medium text-sky-900" : "text-slate-700 hover:bg-slate-100"
            }`}
          >
            <FolderIcon specialUse={node.specialUse} />
            <span className="min-w-0 flex-1 truncate">{name}</span>
            {unread}
          </Link>
        ) : (
          <span className="flex min-w-0 flex-1 items-center gap-2 px-2 py-1.5 text-sm text-slate-500">
            <FolderIcon specialUse={null} />
            <span className="min-w-0 flex-1 truncate">{name}</span>
          </span>
        )}
      </div>
      {node.children.length > 0 && expanded ? <FolderLevel nodes={node.children} depth={depth + 1} current={current} /> : null}
    </li>
  );
}
