import type { ConnectionSecurity } from "@/lib/mail/connection-security";

/** The server a relay password is for: the password is only ever sent to this exact server and account. */
export interface RelayAccount {
  host: string;
  port: number;
  security: ConnectionSecurity;
  username: string;
}

/** The saved relay settings, as stored (columns are null when never set). */
export interface SavedRelayAccount {
  host: string | null;
  port: number | null;
  security: ConnectionSecurity | null;
  username: string | null;
  sealedPassword: string | null;
}

/**
 * The saved (sealed) password, when it may be used for this account: only when host, port,
 * security and username are all the ones it was saved with. Changing any of them (another server,
 * a port that answers without TLS, another login) makes the user type the password again, so a
 * saved password can never be sent somewhere it was not typed for.
 */
export function reusableSavedPassword(saved: SavedRelayAccount | undefined, account: RelayAccount): string | null {
  if (!saved?.sealedPassword || !account.username) return null;
  const same = saved.host === account.host && saved.port === account.port && saved.security === account.security && (saved.username ?? "") === account.username;
  return same ? saved.sealedPassword : null;
}
