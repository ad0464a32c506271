import { simpleParser, type ParsedMail } from "mailparser";
import { connectImap, type TestMailbox } from "./mail-server";

/** Polls a folder over IMAP until a message with this subject arrives (delivery goes through LMTP); returns it parsed. */
export async function waitForMessage(mailbox: TestMailbox, subject: string, folder = "INBOX", timeoutMs = 15_000): Promise<ParsedMail> {
  const client = await connectImap(mailbox);
  try {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const lock = await client.getMailboxLock(folder);
      try {
        const uids = (await client.search({ subject }, { uid: true })) || [];
        const last = uids[uids.length - 1];
        const message = last ? await client.fetchOne(String(last), { source: true }, { uid: true }) : false;
        if (message && message.source) return await simpleParser(message.source);
      } finally {
        lock.release();
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    throw new Error(`"${subject}" did not arrive in ${folder}`);
  } finally {
    await client.logout();
  }
}

/** How many messages with this subject a folder holds now. */
export async function countMessages(mailbox: TestMailbox, folder: string, subject: string): Promise<number> {
  const client = await connectImap(mailbox);
  try {
    const lock = await client.getMailboxLock(folder);
    try {
      return ((await client.search({ subject }, { uid: true })) || []).length;
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
}
