"use client";

import { useLinkStatus } from "next/link";
import { useTranslations } from "next-intl";

/**
 * Inside a list row's link: while the message it opens is on its way (the list stays on screen
 * until the message is ready, with no skeleton in between), a small spinner, and for screen
 * readers the same words the message's own placeholder uses.
 */
export function RowOpening() {
  const { pending } = useLinkStatus();
  const t = useTranslations("messageView");
  if (!pending) return null;
  return (
    <span role="status" className="shrink-0">
      <span aria-hidden="true" className="block h-3 w-3 animate-spin rounded-full border-2 border-sky-600 border-t-transparent" />
      <span className="sr-only">{t("loading")}</span>
    </span>
  );
}
