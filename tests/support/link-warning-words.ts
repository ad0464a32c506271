import english from "@/messages/en/linkWarnings.json";
import type { LinkWarningWords } from "@/lib/mail/sanitize/link-hosts";

/** The English warnings of deceptive links, as lib/reads/link-warning-words.ts gives them to an English reader. */
export const ENGLISH_LINK_WARNINGS: LinkWarningWords = { locale: "en", otherSite: english.otherSite, mixedScripts: english.mixedScripts };
