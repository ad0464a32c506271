import { Readable } from "node:stream";
import { getCurrentSession } from "@/lib/auth/current-session";
import { readMessageSource } from "@/lib/reads/message-source";

/** "View source": the raw message as plain text, shown in the browser and never interpreted. */
export async function GET(_request: Request, { params }: { params: Promise<{ folder: string; uid: string }> }) {
  const session = await getCurrentSession();
  if (!session) return Response.json({ error: "Sign in first." }, { status: 401 });
  const result = await readMessageSource(session, await params);
  if (!result.ok) return plain(result.error, result.code === "not-found" ? 404 : 502);
  return new Response(Readable.toWeb(result.data) as ReadableStream<Uint8Array>, {
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Content-Disposition": "inline",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}

function plain(text: string, status: number): Response {
  return new Response(text, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff" } });
}
