import type { ImapFlow } from "imapflow";

/** How a request ends: its value or its error, and how long it took. */
export async function settle<T>(run: () => Promise<T>): Promise<{ value?: T; error?: unknown; ms: number }> {
  const started = Date.now();
  try {
    return { value: await run(), ms: Date.now() - started };
  } catch (error) {
    return { error, ms: Date.now() - started };
  }
}

/** Waits until `check` holds, polling every 50 ms; throws naming `what` after `ms`. */
export async function until(check: () => boolean, what: string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The subjects in INBOX; with `withSource`, each message's whole source is fetched too (a long answer). */
export async function inboxSubjects(client: ImapFlow, withSource = false): Promise<string[]> {
  const lock = await client.getMailboxLock("INBOX");
  try {
    const subjects: string[] = [];
    if (client.mailbox && client.mailbox.exists > 0) {
      for await (const message of client.fetch("1:*", { envelope: true, source: withSource })) subjects.push(message.envelope?.subject ?? "");
    }
    return subjects;
  } finally {
    lock.release();
  }
}
