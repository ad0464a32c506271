"use client";

import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { buttonClass } from "@/components/ui/button-class";
import { formatFileSize } from "@/lib/i18n/file-size";
import type { UploadMeta } from "@/lib/uploads/upload-store";
import { uploadFile } from "./upload-file";

interface Progress {
  key: string;
  name: string;
  percent: number;
}

/**
 * Attachments: a labelled file picker and a drop zone, a progress bar per upload, the attached
 * files with a Remove button each, and clear errors for files over the per-file or total limit.
 */
export function AttachmentArea({
  attachments,
  onAdd,
  onRemove,
  limits,
  onError,
  disabled,
}: {
  attachments: UploadMeta[];
  onAdd: (meta: UploadMeta) => void;
  onRemove: (meta: UploadMeta) => void;
  limits: { attachmentBytes: number; messageBytes: number };
  onError: (message: string | null) => void;
  disabled?: boolean;
}) {
  const t = useTranslations("compose");
  const locale = useLocale();
  const format = useFormatter();
  const formatSize = (bytes: number) => formatFileSize(bytes, locale);
  const [uploads, setUploads] = useState<Progress[]>([]);
  const [dragging, setDragging] = useState(false);

  async function addFiles(files: File[]) {
    onError(null);
    let total = attachments.reduce((sum, item) => sum + item.size, 0);
    for (const file of files) {
      if (file.size > limits.attachmentBytes) {
        onError(t("attachments.tooLarge", { name: file.name, size: formatSize(file.size), max: formatSize(limits.attachmentBytes) }));
        continue;
      }
      if (total + file.size > limits.messageBytes) {
        onError(t("attachments.overTotal", { name: file.name, max: formatSize(limits.messageBytes) }));
        continue;
      }
      total += file.size;
      const key = `${file.name}-${Date.now()}-${Math.random()}`;
      setUploads((list) => [...list, { key, name: file.name, percent: 0 }]);
      try {
        const meta = await uploadFile(file, t, (percent) => setUploads((list) => list.map((item) => (item.key === key ? { ...item, percent } : item))));
        onAdd(meta);
      } catch (error) {
        total -= file.size;
        onError(t("attachments.failed", { name: file.name, reason: error instanceof Error ? error.message : "" }).trim());
      } finally {
        setUploads((list) => list.filter((item) => item.key !== key));
      }
    }
  }

  return (
    <div
      role="group"
      aria-label={t("attachments.group")}
      onDragOver={(event) => {
        if (disabled) return;
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(event) => {
        event.preventDefault();
        setDragging(false);
        if (!disabled) void addFiles([...event.dataTransfer.files]);
      }}
      className={`border-t border-slate-200 px-4 py-3 ${dragging ? "bg-sky-50 ring-2 ring-inset ring-sky-400" : ""}`}
    >
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <label className={`cursor-pointer ${buttonClass("secondary", "small")} has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-sky-500`}>
          {t("attachments.attach")}
          <input
            type="file"
            multiple
            disabled={disabled}
            className="sr-only"
            onChange={(event) => {
              const files = [...(event.target.files ?? [])];
              event.target.value = "";
              void addFiles(files);
            }}
          />
        </label>
        <span className="text-slate-500">{t("attachments.dropHint", { max: formatSize(limits.attachmentBytes) })}</span>
      </div>
      {uploads.length > 0 ? (
        <ul aria-label={t("attachments.uploads")} className="mt-2 space-y-1">
          {uploads.map((upload) => (
            <li key={upload.key} className="flex items-center gap-2 text-sm">
              <span className="w-48 truncate">{upload.name}</span>
              <div
                role="progressbar"
                aria-label={t("attachments.uploading", { name: upload.name })}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={upload.percent}
                className="h-2 w-48 overflow-hidden rounded bg-slate-200"
              >
                <div className="h-full bg-sky-600" style={{ width: `${upload.percent}%` }} />
              </div>
              <span className="text-slate-500">{format.number(upload.percent / 100, { style: "percent" })}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {attachments.length > 0 ? (
        <ul aria-label={t("attachments.attached")} className="mt-2 flex flex-wrap gap-2">
          {attachments.map((item) => (
            <li key={item.id} className="flex items-center gap-2 rounded-md border border-slate-200 bg-slate-50 px-2 py-1 text-sm">
              <span>{item.filename}</span>
              <span className="text-slate-500">{formatSize(item.size)}</span>
              <button
                type="button"
                disabled={disabled}
                aria-label={t("remove", { name: item.filename })}
                onClick={() => onRemove(item)}
                className="rounded px-1 text-slate-600 hover:bg-slate-200"
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
