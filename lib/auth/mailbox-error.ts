import { ImapConnectError } from "@/lib/mail/imap/connect";
import { isMissingMailboxError } from "@/lib/mail/imap/missing-mailbox";
import { ImapPoolExhaustedError } from "@/lib/mail/imap/pool";

/** Words for a reader when the mail server could not serve a page. Never the server's raw text. */
export function describeMailboxError(error: unknown): string {
  if (error instanceof ImapConnectError) {
    if (error.kind === "timeout") return "The mail server didn't answer in time. Please try again in a moment.";
    if (error.kind === "auth") return "The mail server no longer accepts your password. Please sign out and sign in again.";
    return "The mail server can't be reached right now. Please try again in a moment.";
  }
  if (error instanceof ImapPoolExhaustedError) return "Mailroom is very busy right now. Please try again in a moment.";
  if (isMissingMailboxError(error)) {
    return "That folder doesn't exist any more. It may have been deleted or renamed.";
  }
  return "The mail server couldn't complete this request. Please try again in a moment.";
}
