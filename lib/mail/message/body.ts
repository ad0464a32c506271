import type { LoadedMessage } from "../imap/load-message";
import type { AttachmentInfo } from "./parts";
import type { HeaderField, Mailbox } from "./parse";
import { hasVisibleText, renderPlainText, type TextBlock } from "./plain-text";
import { escapeHtml } from "./escape-html";
import { sanitizeMessageHtml, type SanitizedHtml } from "../sanitize/html";

/** How the body of a message is shown: HTML in a sandboxed frame, plain text as blocks, or nothing. */
export type MessageBodyView =
  | {
      kind: "html";
      remoteContentBlocked: boolean;
      trackersRemoved: number;
      suspiciousLinks: number;
      hasText: boolean;
      /** Pixels the frame starts with: estimated here, since the frame runs no script to measure itself. */
      estimatedHeight: number;
    }
  | { kind: "text"; blocks: TextBlock[] }
  | { kind: "empty" };

/** Everything the message view shows, as plain serialisable data (no unsanitised HTML in it). */
export interface MessageViewData {
  folder: string;
  /** The folder's UIDVALIDITY when loaded: with folder and UID it names this very message. */
  uidValidity: string;
  uid: number;
  subject: string;
  from: Mailbox | null;
  to: Mailbox[];
  cc: Mailbox[];
  replyTo: Mailbox[];
  date: string;
  headers: HeaderField[];
  unread: boolean;
  wasUnread: boolean;
  flagged: boolean;
  truncated: boolean;
  body: MessageBodyView;
  attachments: AttachmentInfo[];
}

// Inline images larger than this are left out of the frame document (they stay downloadable).
const MAX_INLINE_IMAGE_BYTES = 5 * 1024 * 1024;
const RASTER_TYPES = new Set(["image/png", "image/jpeg", "image/jpg", "image/gif", "image/webp", "image/bmp", "image/avif"]);

/** The sanitised HTML body of a message, with its inline (cid:) images as data: URLs. */
function sanitizedBody(message: LoadedMessage, allowRemote: boolean): SanitizedHtml | null {
  if (!message.html) return null;
  return sanitizeMessageHtml(message.html, {
    allowRemote,
    resolveCid: (id) => {
      const image = message.inlineImages.get(id);
      if (!image || !RASTER_TYPES.has(image.contentType) || image.content.length > MAX_INLINE_IMAGE_BYTES) return undefined;
      return `data:${image.contentType === "image/jpg" ? "image/jpeg" : image.contentType};base64,${image.content.toString("base64")}`;
    },
  });
}

/** What one open of a message shows: the view data and, for an HTML body, the frame's document, sanitised once for both. */
export interface RenderedMessage {
  view: MessageViewData;
  /** Null when the body is not HTML: the view then shows no frame. */
  frameDocument: string | null;
}

export function renderMessage(message: LoadedMessage, options: { allowRemote: boolean; uidValidity: string }): RenderedMessage {
  const sanitized = sanitizedBody(message, options.allowRemote);
  const view: MessageViewData = {
    folder: message.folder,
    uidValidity: options.uidValidity,
    uid: message.uid,
    subject: message.subject,
    from: message.from[0] ?? null,
    to: message.to,
    cc: message.cc,
    replyTo: message.replyTo,
    date: message.date,
    headers: message.headers,
    unread: message.unread,
    wasUnread: message.wasUnread,
    flagged: message.flagged,
    truncated: message.truncated,
    body: bodyView(message, sanitized),
    attachments: message.attachments,
  };
  return { view, frameDocument: sanitized ? frameDocument(message.subject, sanitized.html) : null };
}

function bodyView(message: LoadedMessage, sanitized: SanitizedHtml | null): MessageBodyView {
  if (sanitized) {
    return {
      kind: "html",
      remoteContentBlocked: sanitized.remoteContentBlocked,
      trackersRemoved: sanitized.trackersRemoved,
      suspiciousLinks: sanitized.suspiciousLinks,
      hasText: htmlHasText(sanitized.html),
      estimatedHeight: estimateHeight(sanitized.html),
    };
  }
  if (message.text) return { kind: "text", blocks: renderPlainText(message.text) };
  return { kind: "empty" };
}

function visibleText(html: string): string {
  return html.replace(/<style[\s\S]*?<\/style>/gi, "").replace(/<[^>]*>/g, "").replace(/&nbsp;|&#160;/g, " ");
}

function estimateHeight(html: string): number {
  const breaks = (html.match(/<(?:br|p|div|tr|li|h[1-6]|blockquote|pre|table)\b/gi) ?? []).length;
  const images = (html.match(/<img\b/gi) ?? []).length;
  const lines = breaks + visibleText(html).length / 90;
  return Math.round(Math.min(1600, Math.max(200, 48 + lines * 22 + images * 120)));
}

function htmlHasText(html: string): boolean {
  return /[^\s\u00a0]/.test(visibleText(html));
}

/** Whether a reader sees any text in the body (for the corpus check). */
export function bodyHasText(body: MessageBodyView): boolean {
  if (body.kind === "html") return body.hasText;
  if (body.kind === "text") return hasVisibleText(body.blocks);
  return false;
}

/** Content-Security-Policy of the frame document: nothing loads, nothing runs; remote media only when allowed. */
export function messageFrameCsp(allowRemote: boolean): string {
  const remote = allowRemote ? " https: http:" : "";
  return [
    "default-src 'none'",
    `img-src data:${remote}`,
    `style-src 'unsafe-inline'${remote}`,
    `font-src ${allowRemote ? "https: http: data:" : "'none'"}`,
    "form-action 'none'",
    "frame-ancestors 'self'",
    "base-uri 'none'",
  ].join("; ");
}

const FRAME_CSS = `
html { color-scheme: light; }
body { margin: 0; padding: 16px; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #0f172a; overflow-wrap: anywhere; }
img { max-width: 100%; height: auto; }
img[data-remote-src] { display: inline-block; min-width: 1em; min-height: 1em; outline: 1px dashed #cbd5e1; }
pre.mailroom-fallback { white-space: pre-wrap; font: inherit; }
.mailroom-link-warning { display: inline !important; visibility: visible !important; color: #b45309 !important; margin-left: 2px !important; font-size: 0.9em !important; }
a[data-link-warning] { outline: 1px dotted #b45309; }
`;

/** The complete document shown in the message frame, sanitised on the server; a text-only message shows its text. */
export function messageFrameDocument(message: LoadedMessage, allowRemote: boolean): string {
  const sanitized = sanitizedBody(message, allowRemote);
  return frameDocument(message.subject, sanitized ? sanitized.html : `<pre class="mailroom-fallback">${escapeHtml(message.text ?? "")}</pre>`);
}

/** A frame document that only says something (the message is gone, the server failed). */
export function messageFrameNotice(text: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Message</title></head><body style="font-family: system-ui, sans-serif; color: #334155"><p>${escapeHtml(text)}</p></body></html>`;
}

function frameDocument(subject: string, content: string): string {
  return `<!doctype html><html lang="und"><head><meta charset="utf-8"><meta name="referrer" content="no-referrer"><meta http-equiv="x-dns-prefetch-control" content="off"><title>${escapeHtml(
    subject || "(no subject)",
  )}</title><style>${FRAME_CSS}</style></head><body>${content}</body></html>`;
}
