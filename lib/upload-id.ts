/**
 * What an upload is called: a lowercase UUID (randomUUID()), shown inline at /api/uploads/<id>.
 * Pure, with no imports: the server's upload store and the composer in the browser share it.
 */

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

export const UPLOAD_ID = new RegExp(`^${UUID}$`);

const INLINE_UPLOAD_SRC = new RegExp(`/api/uploads/(${UUID})`, "g");

/** Where the browser shows (and deletes) an upload. */
export function uploadUrl(id: string): string {
  return `/api/uploads/${id}`;
}

/** The uploads an HTML body shows inline (its pasted or inserted images), each once. */
export function inlineUploadIds(html: string): string[] {
  return [...new Set([...html.matchAll(INLINE_UPLOAD_SRC)].map((match) => match[1] ?? ""))];
}

/** The HTML as it goes into the message: each inline upload becomes the cid: of its attached part. */
export function inlineUploadsAsCid(html: string): string {
  return html.replace(INLINE_UPLOAD_SRC, (_match, id: string) => `cid:${id}@mailroom`);
}
