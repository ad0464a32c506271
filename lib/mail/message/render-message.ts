// The render worker's half of showing a message: sanitising pulls in jsdom, which the request thread never loads.
import { escapeHtml } from "@/lib/escape-html";
import type { LoadedMessage } from "../imap/load-message";
import { textOfHtml } from "../sanitize/bounded-html";
import { sanitizeMessageHtml, type SanitizeResult, type SanitizedHtml } from "../sanitize/html";
import type { LinkWarningWords } from "../sanitize/link-hosts";
import { hasOwnColours, noticeBlock, viewData, type MessageBodyView, type RenderedMessage } from "./body";
import { renderPlainText, type TextBlock } from "./plain-text";

// Inline images larger than this are left out of the frame document (they stay downloadable).
const MAX_INLINE_IMAGE_BYTES = 5 * 1024 * 1024;
const RASTER_TYPES = new Set(["image/png", "image/jpeg", "image/jpg", "image/gif", "image/webp", "image/bmp", "image/avif"]);

// Plain text longer than this is cut (the original can be downloaded).
const MAX_TEXT_CHARS = 500_000;
// The text of HTML that could not be shown as HTML (too large, too busy, failed): it is a fallback, and what
// crosses from the worker and is serialised into the page stays small; the original can be downloaded.
const MAX_HTML_FALLBACK_TEXT_CHARS = 100_000;

/** The sanitised HTML body of a message, with its inline (cid:) images as data: URLs. */
function sanitizedBody(message: LoadedMessage, options: RenderOptions): SanitizeResult | null {
  if (!message.html) return null;
  return sanitizeMessageHtml(message.html, {
    allowRemote: options.allowRemote,
    linkWarnings: options.linkWarnings,
    resolveCid: (id) => {
      const image = message.inlineImages.get(id);
      if (!image || !RASTER_TYPES.has(image.contentType) || image.content.length > MAX_INLINE_IMAGE_BYTES) return undefined;
      return `data:${image.contentType === "image/jpg" ? "image/jpeg" : image.contentType};base64,${image.content.toString("base64")}`;
    },
  });
}

/**
 * Renders a message for the reader: sanitises its HTML (bounded: larger or busier HTML is shown as
 * text with a notice) or splits its text into blocks. Pure and CPU-bound: the app runs it in the
 * render worker (render-jobs.ts), never on the request thread.
 */
export interface RenderOptions {
  allowRemote: boolean;
  uidValidity: string;
  /** The words of deceptive links' warnings, in the reader's language. */
  linkWarnings: LinkWarningWords;
}

export function renderMessage(message: LoadedMessage, options: RenderOptions): RenderedMessage {
  const sanitized = sanitizedBody(message, options);
  if (sanitized?.ok) {
    return { view: viewData(message, options.uidValidity, htmlBodyView(sanitized.value)), frameDocument: frameDocument(message.subject, sanitized.value.html) };
  }
  const limit = message.text ? MAX_TEXT_CHARS : MAX_HTML_FALLBACK_TEXT_CHARS;
  // A little more than the limit: the text is trimmed after it is cut, and a longer text must still show it was cut.
  const text = message.text ?? (message.html ? textOfHtml(message.html, limit + 1_000) : null);
  const blocks: TextBlock[] = [];
  if (sanitized) blocks.push(noticeBlock(message, sanitized.reason));
  if (text && text.length > limit) blocks.push(noticeBlock(message, "long-text"));
  if (text) blocks.push(...renderPlainText(text.slice(0, limit)));
  return { view: viewData(message, options.uidValidity, blocks.length > 0 ? { kind: "text", blocks } : { kind: "empty" }), frameDocument: null };
}

function htmlBodyView(sanitized: SanitizedHtml): MessageBodyView {
  return {
    kind: "html",
    remoteContentBlocked: sanitized.remoteContentBlocked,
    trackersRemoved: sanitized.trackersRemoved,
    suspiciousLinks: sanitized.suspiciousLinks,
    hasText: htmlHasText(sanitized.html),
    estimatedHeight: estimateHeight(sanitized.html),
    ownColours: hasOwnColours(sanitized.html),
  };
}

function visibleText(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/gi, "")
    .replace(/<[^>]*>/g, "")
    .replace(/&nbsp;|&#160;/g, " ");
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

const FRAME_CSS = `
html { color-scheme: light; background: #fff; }
body { margin: 0; padding: 16px; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #0f172a; overflow-wrap: anywhere; }
img { max-width: 100%; height: auto; }
img[data-remote-src] { display: inline-block; min-width: 1em; min-height: 1em; outline: 1px dashed #cbd5e1; }
.mailroom-link-warning { display: inline !important; visibility: visible !important; color: #b45309 !important; margin-left: 2px !important; font-size: 0.9em !important; }
a[data-link-warning] { outline: 1px dotted #b45309; }
`;

function frameDocument(subject: string, content: string): string {
  return `<!doctype html><html lang="und"><head><meta charset="utf-8"><meta name="referrer" content="no-referrer"><meta http-equiv="x-dns-prefetch-control" content="off"><title>${escapeHtml(
    subject || "(no subject)",
  )}</title><style>${FRAME_CSS}</style></head><body>${content}</body></html>`;
}
