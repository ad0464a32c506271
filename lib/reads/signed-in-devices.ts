// Server-only (the server-only package is not installed).
import type { CurrentSession } from "@/lib/auth/current-session";
import { database } from "@/lib/db/database";
import { listSessionsForUser } from "@/lib/db/sessions";

export interface SignedInDevice {
  rowId: string;
  createdAt: string;
  lastSeenAt: string;
  userAgent: string | null;
  clientAddress: string | null;
}

export interface SignedInDevicesView {
  email: string;
  /** This browser's session, which the list marks. */
  currentRowId: string;
  sessions: SignedInDevice[];
}

/** Settings → Signed-in devices: every session of the user. */
export async function readSignedInDevices(session: CurrentSession): Promise<SignedInDevicesView> {
  const sessions = await listSessionsForUser(await database(), session.userId);
  return {
    email: session.email,
    currentRowId: session.rowId,
    sessions: sessions.map((row) => ({
      rowId: row.id,
      createdAt: row.createdAt.toISOString(),
      lastSeenAt: row.lastSeenAt.toISOString(),
      userAgent: row.userAgent,
      clientAddress: row.clientAddress,
    })),
  };
}
