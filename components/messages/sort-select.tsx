"use client";

import { useRouter } from "next/navigation";
import { useId } from "react";
import type { SortKey } from "@/lib/mail/imap/sort";
import { listHref } from "./hrefs";

const LABELS: Record<SortKey, string> = { date: "Date", sender: "Sender", subject: "Subject", size: "Size" };

export function SortSelect({ folder, sort, search }: { folder: string; sort: SortKey; search: [string, string][] }) {
  const router = useRouter();
  const id = useId();
  return (
    <div className="flex items-center gap-1.5 text-sm">
      <label htmlFor={id} className="text-slate-600">
        Sort by
      </label>
      <select
        id={id}
        value={sort}
        onChange={(event) => router.push(listHref(folder, { page: 0, sort: event.target.value as SortKey, search }))}
        className="rounded-md border border-slate-300 bg-white px-2 py-1"
      >
        {(Object.keys(LABELS) as SortKey[]).map((key) => (
          <option key={key} value={key}>
            {LABELS[key]}
          </option>
        ))}
      </select>
    </div>
  );
}
