import { getCurrentSession } from "@/lib/auth/current-session";
import { messageFrameNoticeFor, parseFrameTheme, readMessageFrame, type MessageFrame } from "@/lib/reads/message-frame";

/** The document of the message frame: the HTML body sanitised on the server, under a CSP that lets nothing run or load. */
export async function GET(request: Request, { params }: { params: Promise<{ folder: string; uid: string }> }) {
  const session = await getCurrentSession();
  if (!session) return Response.json({ error: "Sign in first." }, { status: 401 });
  const search = new URL(request.url).searchParams;
  const result = await readMessageFrame(session, await params, {
    allowRemote: search.get("remote") === "1",
    uidValidity: search.get("v"),
    theme: parseFrameTheme(search.get("theme")),
  });
  if (result.ok) return frameResponse(result.data, 200);
  return frameResponse(messageFrameNoticeFor(result.error), result.code === "not-found" ? 404 : 502);
}

function frameResponse(frame: MessageFrame, status: number): Response {
  return new Response(frame.document, {
    status,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": frame.contentSecurityPolicy,
      "X-Content-Type-Options": "nosniff",
      // Links in a mail must not tell the sender's DNS server that it was opened.
      "X-DNS-Prefetch-Control": "off",
      "Cache-Control": "private, no-store",
    },
  });
}
