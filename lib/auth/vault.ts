import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";

/**
 * The credential vault: AES-256-GCM sealing for secrets kept at rest (the session-held IMAP
 * password, SMTP relay passwords). A sealed value is "v1.<base64url(iv | tag | ciphertext)>";
 * tampering or the wrong key makes opening fail rather than return garbage.
 */

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;

export function newKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

/** Derives a purpose-bound 256-bit key from the server secret (HKDF-SHA256), e.g. for SMTP passwords. */
export function deriveKey(secret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync("sha256", Buffer.from(secret, "utf8"), Buffer.alloc(0), `mailroom:${purpose}`, KEY_BYTES));
}

export function seal(plaintext: string, key: Buffer, associatedData = ""): string {
  assertKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(associatedData, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString("base64url")}`;
}

export function open(sealed: string, key: Buffer, associatedData = ""): string {
  assertKey(key);
  const [version, body] = sealed.split(".");
  if (version !== VERSION || !body) throw new Error("unknown sealed value format");
  const raw = Buffer.from(body, "base64url");
  if (raw.length < IV_BYTES + TAG_BYTES) throw new Error("sealed value too short");
  const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(associatedData, "utf8"));
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
}

/** The database key of a session: its id hashed, so a database dump does not hold usable session ids. */
export function sessionRowId(sessionId: string): string {
  return createHash("sha256").update(sessionId).digest("hex");
}

function assertKey(key: Buffer) {
  if (key.length !== KEY_BYTES) throw new Error(`vault key must be ${KEY_BYTES} bytes`);
}
