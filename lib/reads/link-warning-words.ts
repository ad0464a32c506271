// Server-only (the server-only package is not installed).
import { getLocale, getTranslations } from "next-intl/server";
import type { LinkWarningWords } from "@/lib/mail/sanitize/link-hosts";

/**
 * The warnings the sanitiser writes into deceptive links, in the reader's language. The render
 * worker fills in the hosts, so the templates keep their placeholders: each is given itself.
 */
export async function linkWarningWords(): Promise<LinkWarningWords> {
  const t = await getTranslations("linkWarnings");
  return {
    locale: await getLocale(),
    otherSite: t("otherSite", { actual: "{actual}", shown: "{shown}" }),
    mixedScripts: t("mixedScripts", { actual: "{actual}", scripts: "{scripts}" }),
  };
}
