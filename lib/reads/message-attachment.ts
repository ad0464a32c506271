// Server-only (the server-only package is not installed).
import type { Readable } from "node:stream";
import { getTranslations } from "next-intl/server";
import type { CurrentSession } from "@/lib/auth/current-session";
import { openMessageStream } from "@/lib/mail/imap/message-download";
import { contentDisposition } from "@/lib/mail/message/content-disposition";
import { openMessage } from "./open-message";
import type { ReadResult } from "./read-result";

export interface AttachmentDownload {
  content: Readable;
  /** What the browser is told it is: the declared type for previewable ones, else a plain download. */
  contentType: string;
  contentDisposition: string;
}

// Types a browser may show inline; everything else (HTML, SVG, ...) is only ever downloaded.
const PREVIEWABLE = new Set(["image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf"]);
const PART = /^\d{1,4}(?:\.\d{1,4}){0,20}$/;

/** One attachment as a stream: a download, or an inline preview for images and PDFs when asked for. */
export async function readMessageAttachment(
  session: CurrentSession,
  params: { folder: string; uid: string; part: string },
  options: { preview: boolean },
): Promise<ReadResult<AttachmentDownload>> {
  const t = await getTranslations("errors");
  if (!PART.test(params.part)) return { ok: false, code: "not-found", error: t("attachmentMissing") };
  const result = await openMessage(session, params, (client, target) => openMessageStream(client, target.folder, target.uid, params.part));
  if (!result.ok) return result.code === "not-found" ? { ok: false, code: "not-found", error: t("attachmentGone") } : result;
  const stream = result.data;
  const previewable = PREVIEWABLE.has(stream.contentType);
  return {
    ok: true,
    data: {
      content: stream.content,
      contentType: previewable ? stream.contentType : "application/octet-stream",
      contentDisposition: contentDisposition(options.preview && previewable ? "inline" : "attachment", stream.filename),
    },
  };
}
