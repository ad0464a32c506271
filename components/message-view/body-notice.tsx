import { useTranslations } from "next-intl";
import type { NoticeReason } from "@/lib/mail/message/plain-text";
import { messageSourceHref } from "./hrefs";

/** Says why the body is not shown as it was sent, and offers the original message for download. */
export function BodyNotice({ reason, original }: { reason: NoticeReason; original: { folder: string; uid: number } }) {
  const t = useTranslations("messageView");
  const text = noticeText(t, reason);
  return (
    <div role="status" className="mb-3 flex flex-wrap items-center gap-3 rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 font-sans text-sm text-amber-900 print:hidden">
      <p className="min-w-0 flex-1 whitespace-normal">{text}</p>
      <a
        href={messageSourceHref(original.folder, original.uid)}
        download={`message-${original.uid}.eml`}
        className="rounded-md border border-amber-300 bg-white px-3 py-1 font-medium hover:bg-amber-100"
      >
        {t("downloadOriginal")}
      </a>
    </div>
  );
}

/** The notice in the reader's language (literal keys, so the catalogue test sees each of them). */
function noticeText(t: ReturnType<typeof useTranslations<"messageView">>, reason: NoticeReason): string {
  switch (reason) {
    case "too-large":
      return t("bodyNotice.tooLarge");
    case "too-complex":
      return t("bodyNotice.tooComplex");
    case "failed":
      return t("bodyNotice.failed");
    case "timeout":
      return t("bodyNotice.timeout");
    case "unavailable":
      return t("bodyNotice.unavailable");
    case "unreadable":
      return t("bodyNotice.unreadable");
    case "long-text":
      return t("bodyNotice.longText");
  }
}
