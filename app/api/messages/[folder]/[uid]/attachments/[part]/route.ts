import { Readable } from "node:stream";
import { getCurrentSession } from "@/lib/auth/current-session";
import { readMessageAttachment } from "@/lib/reads/message-attachment";

/** Streams one attachment from IMAP: a download, or an inline preview for images and PDFs, always sandboxed. */
export async function GET(request: Request, { params }: { params: Promise<{ folder: string; uid: string; part: string }> }) {
  const session = await getCurrentSession();
  if (!session) return Response.json({ error: "Sign in first." }, { status: 401 });
  const preview = new URL(request.url).searchParams.get("preview") === "1";
  const result = await readMessageAttachment(session, await params, { preview });
  if (!result.ok) return plain(result.error, result.code === "not-found" ? 404 : 502);
  return new Response(Readable.toWeb(result.data.content) as ReadableStream<Uint8Array>, {
    headers: {
      "Content-Type": result.data.contentType,
      "Content-Disposition": result.data.contentDisposition,
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}

function plain(text: string, status: number): Response {
  return new Response(text, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff" } });
}
