// Server-only (the server-only package is not installed).
import { getTranslations } from "next-intl/server";
import type { CurrentSession } from "@/lib/auth/current-session";
import { fetchRenderedMessage } from "@/lib/mail/imap/load-message";
import { messageFrameCsp, messageFrameNotice, themedFrameDocument, type FrameTheme } from "@/lib/mail/message/body";
import { linkWarningWords } from "./link-warning-words";
import { messageFrameCache } from "./message-frame-cache";
import { parseMessageParams } from "./message-params";
import { withMessage } from "./open-message";
import { messageNotFound, type ReadResult } from "./read-result";

export interface MessageFrame {
  /** The sanitised HTML document. */
  document: string;
  contentSecurityPolicy: string;
}

export interface FrameRequest {
  allowRemote: boolean;
  /** The UIDVALIDITY the message view saw (from the frame's address), if given. */
  uidValidity: string | null;
  /** The colour scheme the page asks for (see FrameTheme); the author's own when not given. */
  theme?: FrameTheme;
}

const FRAME_THEMES = new Set<string>(["light", "dark", "system", "invert"] satisfies FrameTheme[]);

/** The frame's colour scheme from its address; anything unknown is the author's own (light). */
export function parseFrameTheme(value: string | null): FrameTheme {
  return value !== null && FRAME_THEMES.has(value) ? (value as FrameTheme) : "light";
}

/**
 * The message frame's document: the one the message view just sanitised when this session has
 * it, otherwise the message is loaded and sanitised here (the view's copy was evicted, or another
 * instance rendered the view). A message whose folder changed UIDVALIDITY since is "not-found".
 */
export async function readMessageFrame(session: CurrentSession, params: { folder: string; uid: string }, request: FrameRequest): Promise<ReadResult<MessageFrame>> {
  const frame = (document: string): MessageFrame => ({
    document: themedFrameDocument(document, request.theme ?? "light"),
    contentSecurityPolicy: messageFrameCsp(request.allowRemote),
  });
  const target = parseMessageParams(params);
  if (!target) return messageNotFound();
  const cache = messageFrameCache();
  const key = { sessionId: session.sessionId, ...target, allowRemote: request.allowRemote };
  // A hit needs no IMAP at all.
  const cached = request.uidValidity === null ? undefined : cache.get({ ...key, uidValidity: request.uidValidity });
  if (cached !== undefined) return { ok: true, data: frame(cached) };

  const t = await getTranslations("errors");
  const linkWarnings = await linkWarningWords();
  const result = await withMessage(session, target, async (client) => {
    const { rendered } = await fetchRenderedMessage(client, target.folder, target.uid, { markRead: false, allowRemote: async () => request.allowRemote, linkWarnings });
    const { uidValidity } = rendered.view;
    if (request.uidValidity !== null && request.uidValidity !== uidValidity) return null;
    // A body not shown as HTML is shown as text on the message page itself.
    if (rendered.frameDocument === null) return messageFrameNotice(t("frameUnavailable"));
    cache.set({ ...key, uidValidity }, rendered.frameDocument);
    return rendered.frameDocument;
  });
  if (!result.ok) return result;
  return result.data === null ? messageNotFound() : { ok: true, data: frame(result.data) };
}

/** A frame that only says why there is no message to show. */
export function messageFrameNoticeFor(text: string): MessageFrame {
  return { document: messageFrameNotice(text), contentSecurityPolicy: messageFrameCsp(false) };
}
