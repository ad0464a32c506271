import type { LoadedMessage } from "../imap/load-message";
import type { AttachmentInfo } from "./parts";
import type { HeaderField, Mailbox } from "./parse";
import type { NoticeReason, TextBlock } from "./plain-text";
import { escapeHtml } from "@/lib/escape-html";
import { textOfHtml } from "../sanitize/bounded-html";
import type { UnsanitizedReason } from "../sanitize/html";

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
      /** The author set colours or backgrounds: the body keeps them on a light card (dark only on request, inverted). */
      ownColours: boolean;
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
  /** The first MAX_LISTED_ATTACHMENTS attachments. */
  attachments: AttachmentInfo[];
  /** How many more the message has (they are in the original, which can be downloaded). */
  unlistedAttachments: number;
}

// A page lists at most this many attachments: 3,000 rows cost seconds of rendering on the request
// thread (issue 9) and hundreds of kilobytes of page.
const MAX_LISTED_ATTACHMENTS = 200;

// What the message page shows of the text when the body could not be rendered at all.
const MAX_UNRENDERED_TEXT_CHARS = 100_000;

/** What one open of a message shows: the view data and, for an HTML body, the frame's document, sanitised once for both. */
export interface RenderedMessage {
  view: MessageViewData;
  /** Null when the body is not shown as HTML: the view then shows no frame. */
  frameDocument: string | null;
}

/** Why a body is not shown as it was sent: the HTML was not sanitised, or rendering failed or took too long. */
export type UnrenderedReason = UnsanitizedReason | "timeout" | "unavailable" | "unreadable";

/**
 * The view of a message whose rendering failed or was not attempted: its headers and attachments,
 * a notice, and the beginning of its text as it is (no links). Cheap enough for the request thread.
 */
export function unrenderedMessage(message: LoadedMessage, reason: UnrenderedReason): RenderedMessage {
  const text = message.text ?? (message.html ? textOfHtml(message.html, MAX_UNRENDERED_TEXT_CHARS) : "");
  const blocks: TextBlock[] = [noticeBlock(message, reason)];
  if (text) blocks.push({ kind: "text", segments: [{ kind: "text", text: text.slice(0, MAX_UNRENDERED_TEXT_CHARS) }] });
  return { view: viewData(message, message.uidValidity, { kind: "text", blocks }), frameDocument: null };
}

/**
 * The message cut down to what unrenderedMessage() shows of it (no HTML or inline images, the start
 * of its text): small enough to hand to the request thread before rendering, in case rendering fails.
 */
export function unrenderedPart(message: LoadedMessage): LoadedMessage {
  const text = message.text ?? (message.html ? textOfHtml(message.html, MAX_UNRENDERED_TEXT_CHARS) : null);
  return { ...message, html: null, text: text ? text.slice(0, MAX_UNRENDERED_TEXT_CHARS) : null, inlineImages: new Map() };
}

export function noticeBlock(message: LoadedMessage, reason: NoticeReason): TextBlock {
  return { kind: "notice", reason, original: { folder: message.folder, uid: message.uid } };
}

export function viewData(message: LoadedMessage, uidValidity: string, body: MessageBodyView): MessageViewData {
  return {
    folder: message.folder,
    uidValidity,
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
    body,
    attachments: message.attachments.slice(0, MAX_LISTED_ATTACHMENTS),
    unlistedAttachments: Math.max(0, message.attachments.length - MAX_LISTED_ATTACHMENTS),
  };
}

// A colour or background in a style (attribute or sheet), or a colour attribute (font color, bgcolor).
// Plain alternatives without nested repetition: linear on any input.
const OWN_COLOURS = /[\s;"'{](?:color|background(?:-color|-image)?)\s*:|\s(?:color|bgcolor|background)\s*=/i;

/** Whether the author coloured the mail; only mail without colours of its own is shown dark. */
export function hasOwnColours(html: string): boolean {
  return OWN_COLOURS.test(html);
}

/** Content-Security-Policy of the frame document: nothing loads, nothing runs; remote media only when allowed. */
export function messageFrameCsp(allowRemote: boolean): string {
  const remote = allowRemote ? " https: http:" : "";
  return [
    "default-src 'none'",
    "script-src 'none'",
    `img-src data:${remote}`,
    `style-src 'unsafe-inline'${remote}`,
    `font-src ${allowRemote ? "https: http: data:" : "'none'"}`,
    "form-action 'none'",
    "frame-ancestors 'self'",
    // Opened directly in a tab, the document still gets the sandbox the app's frame gives it: no scripts,
    // but the app's origin, so that the app can measure its height (SECURITY.md).
    "sandbox allow-same-origin allow-popups allow-popups-to-escape-sandbox",
    "base-uri 'none'",
  ].join("; ");
}

/** A frame document that only says something (the message is gone, the server failed). */
export function messageFrameNotice(text: string): string {
  return `<!doctype html><html style="background: #fff"><head><meta charset="utf-8"><title>Message</title></head><body style="font-family: system-ui, sans-serif; color: #334155"><p>${escapeHtml(text)}</p></body></html>`;
}

/**
 * How the frame is coloured: as the author made it (light), dark for mail without colours of its
 * own (always, or when the device is dark), or inverted ("View in dark" for coloured mail: every
 * contrast stays as the author had it, so nothing turns dark-on-dark). Only on screens: print stays light.
 */
export type FrameTheme = "light" | "dark" | "system" | "invert";

const DARK_FRAME_CSS =
  "html { color-scheme: dark; background: #0f172a; } body { color: #e2e8f0; } a { color: #7dd3fc; } .mailroom-link-warning { color: #fbbf24 !important; } img[data-remote-src] { outline-color: #475569; }";
const INVERT_FRAME_CSS = "html { filter: invert(1) hue-rotate(180deg); } img, picture, video, svg, [style*='background-image'] { filter: invert(1) hue-rotate(180deg); }";

const FRAME_THEME_CSS: Record<FrameTheme, string> = {
  light: "",
  dark: `@media screen { ${DARK_FRAME_CSS} }`,
  system: `@media screen and (prefers-color-scheme: dark) { ${DARK_FRAME_CSS} }`,
  invert: `@media screen { ${INVERT_FRAME_CSS} }`,
};

/** The frame document in a colour scheme: one more style sheet after the others, so it wins over the frame's own. */
export function themedFrameDocument(document: string, theme: FrameTheme): string {
  const css = FRAME_THEME_CSS[theme];
  const head = document.indexOf("</head>");
  if (!css || head < 0) return document;
  return `${document.slice(0, head)}<style>${css}</style>${document.slice(head)}`;
}
