import { useLocale, useTranslations } from "next-intl";
import { formatFileSize } from "@/lib/i18n/file-size";
import type { AttachmentInfo } from "@/lib/mail/message/parts";
import { attachmentHref, messageSourceHref } from "./hrefs";
import { LineIcon } from "@/components/icons/line-icon";

// Only these open in the browser (still under a sandboxing CSP); everything else is downloaded.
const PREVIEWABLE = new Set(["image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf"]);

export function AttachmentList({ folder, uid, attachments, unlisted }: { folder: string; uid: number; attachments: AttachmentInfo[]; unlisted: number }) {
  const t = useTranslations("messageView.attachments");
  const locale = useLocale();
  if (attachments.length === 0) return null;
  return (
    <section aria-label={t("label")} className="mt-4">
      <h3 className="mb-2 text-sm font-semibold text-slate-700">{t("count", { count: attachments.length + unlisted })}</h3>
      <ul className="flex flex-wrap gap-2">
        {attachments.map((attachment) => (
          <li key={attachment.part} className="flex items-center gap-3 rounded-lg border border-slate-200 bg-white px-3 py-2 text-sm">
            <LineIcon name="paperclip" className="h-4 w-4 shrink-0 text-slate-500" />
            <span className="min-w-0">
              <span className="block max-w-64 truncate font-medium" title={attachment.filename}>
                {attachment.filename}
              </span>
              <span className="block text-xs text-slate-500">
                {attachment.contentType} · {formatFileSize(attachment.size, locale)}
              </span>
            </span>
            <a
              href={attachmentHref(folder, uid, attachment.part)}
              download={attachment.filename}
              aria-label={t("downloadName", { name: attachment.filename })}
              className="rounded-md px-2 py-1 text-sky-700 hover:bg-sky-50"
            >
              {t("download")}
            </a>
            {PREVIEWABLE.has(attachment.contentType) ? (
              <a
                href={attachmentHref(folder, uid, attachment.part, true)}
                target="_blank"
                rel="noopener noreferrer"
                aria-label={t("openName", { name: attachment.filename })}
                className="rounded-md px-2 py-1 text-sky-700 hover:bg-sky-50"
              >
                {t("open")}
              </a>
            ) : null}
          </li>
        ))}
      </ul>
      {unlisted > 0 ? (
        <p className="mt-2 text-sm text-slate-600">
          {t("notListed", { count: unlisted })}{" "}
          <a href={messageSourceHref(folder, uid)} download className="text-sky-700 underline">
            {t("downloadOriginal")}
          </a>
        </p>
      ) : null}
    </section>
  );
}
