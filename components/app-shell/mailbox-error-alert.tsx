import { Alert } from "@/components/ui/alert";

/** A page section the mail server could not serve: its reason in plain words (from a read), never the server's text. */
export function MailboxErrorAlert({ message }: { message: string }) {
  return (
    <Alert tone="error" className="m-6">
      {message}
    </Alert>
  );
}
