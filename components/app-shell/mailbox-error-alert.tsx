import { describeMailboxError } from "@/lib/auth/mailbox-error";

/** A page section the mail server could not serve: its reason in plain words, never the server's text. */
export function MailboxErrorAlert({ error }: { error: unknown }) {
  return (
    <p role="alert" className="m-6 rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-800">
      {describeMailboxError(error)}
    </p>
  );
}
