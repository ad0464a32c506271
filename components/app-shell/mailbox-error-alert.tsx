/** A page section the mail server could not serve: its reason in plain words (from a read), never the server's text. */
export function MailboxErrorAlert({ message }: { message: string }) {
  return (
    <p role="alert" className="m-6 rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-800">
      {message}
    </p>
  );
}
