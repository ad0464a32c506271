import { notFound } from "next/navigation";
import { MailboxErrorAlert } from "@/components/app-shell/mailbox-error-alert";
import { requireSession } from "@/lib/auth/current-session";
import { readPrintView } from "@/lib/reads/print-view";
import { MessageView } from "./message-view";
import { PrintButton } from "./print-button";

/** The print view's content: the message alone, with a Print button that is itself not printed. */
export async function MessagePrintSection({ folder, uid }: { folder: string; uid: number }) {
  const result = await readPrintView(await requireSession(), { folder, uid });
  if (!result.ok && result.code === "not-found") notFound();
  if (!result.ok) return <MailboxErrorAlert message={result.error} />;
  return (
    <div className="mx-auto max-w-4xl bg-white p-6 print:p-0">
      <div className="mb-4 flex justify-end print:hidden">
        <PrintButton />
      </div>
      <MessageView message={result.data.message} remoteAllowed={result.data.remoteAllowed} printing />
    </div>
  );
}
