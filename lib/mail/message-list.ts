import type { ImapFlow, MessageStructureObject } from "imapflow";

export interface Correspondent {
  name: string;
  address: string;
}

export interface MessageSummary {
  uid: number;
  from: Correspondent | null;
  subject: string;
  /** ISO 8601. */
  date: string;
  unread: boolean;
  flagged: boolean;
  hasAttachments: boolean;
  size: number;
}

export interface MessagePage {
  folder: string;
  total: number;
  page: number;
  pageSize: number;
  messages: MessageSummary[];
}

/**
 * One page of a folder, newest (by arrival) first. The page is addressed by sequence numbers,
 * so it costs the same on a folder of 50 or 500,000 messages: no UID list is fetched.
 */
export async function listMessagePage(client: ImapFlow, folder: string, page: number, pageSize: number): Promise<MessagePage> {
  const lock = await client.getMailboxLock(folder);
  try {
    const total = client.mailbox ? client.mailbox.exists : 0;
    const last = total - page * pageSize;
    if (last < 1) return { folder, total, page, pageSize, messages: [] };
    const first = Math.max(1, last - pageSize + 1);
    const messages: (MessageSummary & { seq: number })[] = [];
    for await (const message of client.fetch(`${first}:${last}`, {
      uid: true,
      flags: true,
      envelope: true,
      bodyStructure: true,
      internalDate: true,
      size: true,
    })) {
      const sender = message.envelope?.from?.[0];
      messages.push({
        seq: message.seq,
        uid: message.uid,
        from: sender ? { name: sender.name ?? "", address: sender.address ?? "" } : null,
        subject: message.envelope?.subject ?? "",
        date: toIso(message.envelope?.date ?? message.internalDate),
        unread: !message.flags?.has("\\Seen"),
        flagged: Boolean(message.flags?.has("\\Flagged")),
        hasAttachments: message.bodyStructure ? hasAttachment(message.bodyStructure) : false,
        size: message.size ?? 0,
      });
    }
    messages.sort((a, b) => b.seq - a.seq);
    return { folder, total, page, pageSize, messages: messages.map(({ seq: _seq, ...summary }) => summary) };
  } finally {
    lock.release();
  }
}

function toIso(value: Date | string | undefined): string {
  const date = value instanceof Date ? value : value ? new Date(value) : new Date(0);
  return Number.isNaN(date.getTime()) ? new Date(0).toISOString() : date.toISOString();
}

export function hasAttachment(node: MessageStructureObject): boolean {
  if (node.disposition === "attachment") return true;
  return (node.childNodes ?? []).some(hasAttachment);
}
