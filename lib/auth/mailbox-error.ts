import { ImapConnectError } from "@/lib/mail/imap/connect";
import { isMissingMailboxError } from "@/lib/mail/imap/missing-mailbox";
import { ImapPoolExhaustedError } from "@/lib/mail/imap/pool";

/** A translator of the "errors" namespace: `await getTranslations("errors")` in a request. */
export type ErrorsTranslator = (key: "mailbox.timeout" | "mailbox.auth" | "mailbox.unreachable" | "mailbox.busy" | "mailbox.folderGone" | "mailbox.failed") => string;

/** Words for a reader when the mail server could not serve a page, in the translator's language. Never the server's raw text. */
export function describeMailboxError(error: unknown, t: ErrorsTranslator): string {
  if (error instanceof ImapConnectError) {
    if (error.kind === "timeout") return t("mailbox.timeout");
    if (error.kind === "auth") return t("mailbox.auth");
    return t("mailbox.unreachable");
  }
  if (error instanceof ImapPoolExhaustedError) return t("mailbox.busy");
  if (isMissingMailboxError(error)) return t("mailbox.folderGone");
  return t("mailbox.failed");
}
