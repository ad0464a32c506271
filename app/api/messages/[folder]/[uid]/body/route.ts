import { getCurrentSession } from "@/lib/auth/current-session";
import { describeMailboxError } from "@/lib/auth/mailbox-error";
import { withSessionMailbox } from "@/lib/auth/session-mailbox";
import { loadMessage, MessageNotFoundError } from "@/lib/mail/imap/load-message";
import { messageFrameCsp, messageFrameDocument } from "@/lib/mail/message/body";
import { escapeHtml } from "@/lib/mail/sanitize/html";
import { parseMessageParams } from "../../../../../../lib/reads/message-params";

/** The document of the message frame: the HTML body sanitised on the server, under a CSP that lets nothing run or load. */
export async function GET(request: Request, { params }: { params: Promise<{ folder: string; uid: string }> }) {
  const session = await getCurrentSession();
  if (!session) return Response.json({ error: "Sign in first." }, { status: 401 });
  const target = parseMessageParams(await params);
  if (!target) return frameResponse(notice("This message no longer exists."), false, 404);
  const allowRemote = new URL(request.url).searchParams.get("remote") === "1";
  try {
    const message = await withSessionMailbox(session, (client) => loadMessage(client, target.folder, target.uid, { markRead: false }));
    return frameResponse(messageFrameDocument(message, allowRemote), allowRemote, 200);
  } catch (error) {
    if (error instanceof MessageNotFoundError) return frameResponse(notice("This message no longer exists."), false, 404);
    return frameResponse(notice(describeMailboxError(error)), false, 502);
  }
}

function frameResponse(document: string, allowRemote: boolean, status: number): Response {
  return new Response(document, {
    status,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": messageFrameCsp(allowRemote),
      "X-Content-Type-Options": "nosniff",
      // Links in a mail must not tell the sender's DNS server that it was opened.
      "X-DNS-Prefetch-Control": "off",
      "Cache-Control": "private, no-store",
    },
  });
}

function notice(text: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Message</title></head><body style="font-family: system-ui, sans-serif; color: #334155"><p>${escapeHtml(text)}</p></body></html>`;
}
