/** URLs of a message's page and of the routes that serve its parts. Folder paths are encoded as one segment. */
function messageApi(folder: string, uid: number): string {
  return `/api/messages/${encodeURIComponent(folder)}/${uid}`;
}

export function messageHref(folder: string, uid: number): string {
  return `/mail/${encodeURIComponent(folder)}/${uid}`;
}

/** The frame's document; `uidValidity` lets the server hand over the copy the message view just sanitised. */
export function messageFrameHref(folder: string, uid: number, uidValidity: string, allowRemote: boolean): string {
  const params = new URLSearchParams({ v: uidValidity });
  if (allowRemote) params.set("remote", "1");
  return `${messageApi(folder, uid)}/body?${params.toString()}`;
}

export function attachmentHref(folder: string, uid: number, part: string, preview = false): string {
  return `${messageApi(folder, uid)}/attachments/${encodeURIComponent(part)}${preview ? "?preview=1" : ""}`;
}

export function messageSourceHref(folder: string, uid: number): string {
  return `${messageApi(folder, uid)}/source`;
}

export function printHref(folder: string, uid: number): string {
  return `/print/${encodeURIComponent(folder)}/${uid}`;
}

export type ComposeStart = "reply" | "replyAll" | "forward" | "forwardAsAttachment";

/** The composer, started from this message (see app/(app)/compose/page.tsx). */
export function composeFromHref(start: ComposeStart, folder: string, uid: number): string {
  return `/compose?${start}=${encodeURIComponent(`${folder}:${uid}`)}`;
}
