/** The folder and UID of a message route (`/…/<encodeURIComponent(folder)>/<uid>`), or null when malformed. */
export function parseMessageParams(params: { folder: string; uid: string }): { folder: string; uid: number } | null {
  if (!/^[1-9]\d{0,9}$/.test(params.uid)) return null;
  const uid = Number(params.uid);
  if (uid > 4_294_967_295) return null;
  let folder: string;
  try {
    folder = decodeURIComponent(params.folder);
  } catch {
    return null;
  }
  return folder ? { folder, uid } : null;
}
