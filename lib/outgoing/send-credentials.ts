import { deriveKey, open, seal } from "@/lib/auth/vault";
import { env } from "@/lib/env";
import type { MailboxCredentials } from "@/lib/mail/imap/connect";

/**
 * The mailbox login a pending send needs once the browser may be gone: to read the draft and to sign
 * in to the company relay. Sealed (AES-256-GCM) under a key derived from AUTH_SECRET and bound to
 * the user and the message, kept only while the send is pending and wiped when it is settled.
 * A database dump alone does not open it.
 */
function sendCredentialsKey(): Buffer {
  return deriveKey(env().authSecret, "pending-send-login");
}

function boundTo(userId: string, messageId: string): string {
  return `${userId}\n${messageId}`;
}

export function sealSendCredentials(credentials: MailboxCredentials, userId: string, messageId: string): string {
  return seal(JSON.stringify({ user: credentials.user, password: credentials.password }), sendCredentialsKey(), boundTo(userId, messageId));
}

/** Throws when the value can't be opened (AUTH_SECRET changed, tampered with, another row's value). */
export function openSendCredentials(sealed: string, userId: string, messageId: string): MailboxCredentials {
  const parsed = JSON.parse(open(sealed, sendCredentialsKey(), boundTo(userId, messageId))) as MailboxCredentials;
  return { user: parsed.user, password: parsed.password };
}
