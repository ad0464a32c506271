/** URLs of a message's page and of the routes that serve its parts. Folder paths are encoded as one segment. */
function messageApi(folder: string, uid: number): string {
  return `/api/messages/${encodeURIComponent(folder)}/${uid}`;
}

export function messageHref(folder: string, uid: number): string {
  return `/mail/${encodeURIComponent(folder)}/${uid}`;
}

export function messageFrameHref(folder: string, uid: number, allowRemote: boolean): string {
  return `${messageApi(folder, uid)}/body${allowRemote ? "?remote=1" : ""}`;
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
