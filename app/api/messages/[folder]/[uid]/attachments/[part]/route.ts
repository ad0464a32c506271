import { Readable } from "node:stream";
import { getCurrentSession } from "@/lib/auth/current-session";
import { describeMailboxError } from "@/lib/auth/mailbox-error";
import { withSessionMailbox } from "@/lib/auth/session-mailbox";
import { MessageNotFoundError } from "@/lib/mail/imap/load-message";
import { contentDisposition } from "@/lib/mail/message/content-disposition";
import { openMessageStream } from "@/lib/mail/imap/message-download";
import { parseMessageParams } from "../../../../../../../lib/reads/message-params";

// Types a browser may show inline; everything else (HTML, SVG, ...) is only ever downloaded.
const PREVIEWABLE = new Set(["image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf"]);

/** Streams one attachment from IMAP: a download, or an inline preview for images and PDFs, always sandboxed. */
export async function GET(request: Request, { params }: { params: Promise<{ folder: string; uid: string; part: string }> }) {
  const session = await getCurrentSession();
  if (!session) return Response.json({ error: "Sign in first." }, { status: 401 });
  const raw = await params;
  const target = parseMessageParams(raw);
  const part = raw.part;
  if (!target || !/^\d{1,4}(?:\.\d{1,4}){0,20}$/.test(part)) return plain("This attachment doesn't exist.", 404);
  const preview = new URL(request.url).searchParams.get("preview") === "1";
  try {
    const stream = await withSessionMailbox(session, (client) => openMessageStream(client, target.folder, target.uid, part));
    const inline = preview && PREVIEWABLE.has(stream.contentType);
    return new Response(Readable.toWeb(stream.content) as ReadableStream<Uint8Array>, {
      headers: {
        "Content-Type": inline || PREVIEWABLE.has(stream.contentType) ? stream.contentType : "application/octet-stream",
        "Content-Disposition": contentDisposition(inline ? "inline" : "attachment", stream.filename),
        "Content-Security-Policy": "default-src 'none'; sandbox",
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    if (error instanceof MessageNotFoundError) return plain("This attachment doesn't exist any more.", 404);
    return plain(describeMailboxError(error), 502);
  }
}

function plain(text: string, status: number): Response {
  return new Response(text, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff" } });
}
