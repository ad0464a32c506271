"use client";

import { useRouter } from "next/navigation";
import { useId } from "react";
import { useTranslations } from "next-intl";
import type { SortKey } from "@/lib/mail/imap/sort";
import { listHref } from "./hrefs";

const KEYS: SortKey[] = ["date", "sender", "subject", "size"];

export function SortSelect({ folder, sort, search }: { folder: string; sort: SortKey; search: [string, string][] }) {
  const router = useRouter();
  const t = useTranslations("messageList.sort");
  const id = useId();
  const label = (key: SortKey) => (key === "sender" ? t("sender") : key === "subject" ? t("subject") : key === "size" ? t("size") : t("date"));
  return (
    <div className="flex items-center gap-1.5 text-sm">
      <label htmlFor={id} className="text-slate-600">
        {t("label")}
      </label>
      <select
        id={id}
        value={sort}
        onChange={(event) => router.push(listHref(folder, { page: 0, sort: event.target.value as SortKey, search }))}
        className="rounded-md border border-slate-300 bg-white px-2 py-1"
      >
        {KEYS.map((key) => (
          <option key={key} value={key}>
            {label(key)}
          </option>
        ))}
      </select>
    </div>
  );
}
