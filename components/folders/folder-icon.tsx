import type { SpecialUse } from "@/lib/mail/imap/folders";

const PATHS: Record<SpecialUse | "folder", string> = {
  "\\Inbox": "M3 13h4l2 3h6l2-3h4M5 5h14l2 8v6H3v-6z",
  "\\Drafts": "M4 20h4L19 9l-4-4L4 16zM14 6l4 4",
  "\\Sent": "M3 11l18-8-8 18-2-8z",
  "\\Archive": "M3 4h18v4H3zM5 8v12h14V8M10 12h4",
  "\\Junk": "M12 3l9 16H3zM12 10v4M12 17v.5",
  "\\Trash": "M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13",
  folder: "M3 6h6l2 2h10v11H3z",
};

export function FolderIcon({ specialUse }: { specialUse: SpecialUse | null }) {
  return (
    <svg viewBox="0 0 24 24" className="h-4 w-4 shrink-0 text-slate-500" aria-hidden="true" focusable="false">
      <path d={PATHS[specialUse ?? "folder"]} fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
