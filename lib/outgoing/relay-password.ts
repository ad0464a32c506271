import { deriveKey, open, seal } from "@/lib/auth/vault";
import { env } from "@/lib/env";

/** The vault key for relay passwords; the user id is the associated data, so a sealed value only opens for its owner. */
function relayPasswordKey(): Buffer {
  return deriveKey(env().authSecret, "smtp-password");
}

/** The relay password as it is kept in smtp_relays.sealed_password. */
export function sealRelayPassword(password: string, userId: string): string {
  return seal(password, relayPasswordKey(), userId);
}

/** The saved relay password; throws when it cannot be opened (AUTH_SECRET changed, value tampered with). */
export function openRelayPassword(sealed: string, userId: string): string {
  return open(sealed, relayPasswordKey(), userId);
}
