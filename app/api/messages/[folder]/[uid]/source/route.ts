import { Readable } from "node:stream";
import { getCurrentSession } from "@/lib/auth/current-session";
import { describeMailboxError } from "@/lib/auth/mailbox-error";
import { withSessionMailbox } from "@/lib/auth/session-mailbox";
import { MessageNotFoundError } from "@/lib/mail/imap/load-message";
import { openMessageStream } from "@/lib/mail/imap/message-download";
import { parseMessageParams } from "../../../../../../lib/reads/message-params";

/** "View source": the raw message as plain text, shown in the browser and never interpreted. */
export async function GET(_request: Request, { params }: { params: Promise<{ folder: string; uid: string }> }) {
  const session = await getCurrentSession();
  if (!session) return Response.json({ error: "Sign in first." }, { status: 401 });
  const target = parseMessageParams(await params);
  if (!target) return plain("This message no longer exists.", 404);
  try {
    const stream = await withSessionMailbox(session, (client) => openMessageStream(client, target.folder, target.uid, null));
    return new Response(Readable.toWeb(stream.content) as ReadableStream<Uint8Array>, {
      headers: {
        "Content-Type": "text/plain; charset=utf-8",
        "Content-Disposition": "inline",
        "Content-Security-Policy": "default-src 'none'; sandbox",
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    if (error instanceof MessageNotFoundError) return plain("This message no longer exists.", 404);
    return plain(describeMailboxError(error), 502);
  }
}

function plain(text: string, status: number): Response {
  return new Response(text, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff" } });
}
