// Server-only (the server-only package is not installed).
import type { CurrentSession } from "@/lib/auth/current-session";
import { database } from "@/lib/db/database";
import { listOpenSends, type SendStatus } from "@/lib/db/pending-sends";
import type { ReadResult } from "./read-result";

/** The user's messages still on their way (with time left to undo) and those that failed, for the notice beside the folders. */
export async function readOutbox(session: CurrentSession): Promise<ReadResult<SendStatus[]>> {
  return { ok: true, data: await listOpenSends(await database(), session.userId) };
}
