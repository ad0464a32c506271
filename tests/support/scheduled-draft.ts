import type { Database } from "@/lib/db/client";
import { schedulePendingSend } from "@/lib/db/pending-sends";
import { saveDraftVersion } from "@/lib/mail/compose/drafts";
import { sealSendCredentials } from "@/lib/outgoing/send-credentials";
import { connectImap, type TestMailbox } from "./mail-server";

/** Saves `raw` in the sender's Drafts over IMAP, as the composer does before a Send. */
export async function saveDraft(sender: TestMailbox, raw: Buffer, messageId: string): Promise<void> {
  const client = await connectImap(sender);
  try {
    await saveDraftVersion(client, raw, messageId);
  } finally {
    await client.logout();
  }
}

/** Records the draft's Send, due after `delaySeconds`, with the sender's login sealed as the send action seals it. */
export async function scheduleDraftSend(db: Database, draft: { userId: string; sender: TestMailbox; messageId: string; subject: string; delaySeconds?: number }) {
  const { userId, sender, messageId, subject, delaySeconds = 0 } = draft;
  const scheduled = await schedulePendingSend(db, {
    userId,
    messageId,
    subject,
    attachmentIds: [],
    delaySeconds,
    sealedCredentials: sealSendCredentials({ user: sender.email, password: sender.password }, userId, messageId),
  });
  if (!scheduled) throw new Error("not scheduled");
  return scheduled;
}
