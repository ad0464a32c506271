// Server-only (the server-only package is not installed): reads run in server components and route handlers.
import { getTranslations } from "next-intl/server";
import { describeMailboxError } from "@/lib/auth/mailbox-error";

/**
 * What every read returns, in the shape of lib/actions/result.ts: the view data, or an expected
 * failure with words for the reader (never the server's own text). Unknown errors throw.
 */
export type ReadResult<T, Code extends ReadErrorCode = ReadErrorCode> = { ok: true; data: T } | { ok: false; code: Code; error: string };

/** "not-found": the message or folder is gone; "mailbox": the mail server could not serve the read; "busy": a limit of this instance was reached. */
export type ReadErrorCode = "not-found" | "mailbox" | "busy";

/** The mail server could not serve the read: why, in the reader's language. */
export async function mailboxFailure(error: unknown): Promise<{ ok: false; code: "mailbox"; error: string }> {
  return { ok: false, code: "mailbox", error: describeMailboxError(error, await getTranslations("errors")) };
}

/** The message is gone (or never was), in the reader's language. */
export async function messageNotFound(): Promise<{ ok: false; code: "not-found"; error: string }> {
  const t = await getTranslations("errors");
  return { ok: false, code: "not-found", error: t("messageGone") };
}
