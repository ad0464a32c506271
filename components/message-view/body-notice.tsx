import { useTranslations } from "next-intl";
import { messageSourceHref } from "./hrefs";

/** Says why the body is not shown as it was sent, and offers the original message for download. */
export function BodyNotice({ text, original }: { text: string; original: { folder: string; uid: number } }) {
  const t = useTranslations("messageView");
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
