import createDOMPurify, { type Config, type DOMPurify } from "dompurify";
import { JSDOM } from "jsdom";
import { escapeHtml } from "@/lib/escape-html";
import { boundHtml } from "./bounded-html";
import { safeRemoteUrl, sanitizeCss, type CssPolicy } from "./css";
import { deceptiveLinkWarning, type LinkWarningWords } from "./link-hosts";

export interface SanitizeOptions {
  /** Whether remote images, CSS backgrounds and fonts may load (the reader allowed it). */
  allowRemote: boolean;
  /** A data: URL for an inline image of the message (Content-ID without brackets), or undefined. */
  resolveCid?: (contentId: string) => string | undefined;
  /** The words of a deceptive link's warning, in the reader's language. */
  linkWarnings: LinkWarningWords;
}

export interface SanitizedHtml {
  /** Style elements and body content, ready to go into the frame document's <body>. */
  html: string;
  /** Remote resources were left out (show "Load remote content"). */
  remoteContentBlocked: boolean;
  trackersRemoved: number;
  /** Links whose text names another site than where they go, or a host that mixes alphabets. */
  suspiciousLinks: number;
}

/** Why an HTML body was not sanitised; the reader is then shown its text instead. */
export type UnsanitizedReason = "too-large" | "too-complex" | "failed";

export type SanitizeResult = { ok: true; value: SanitizedHtml } | { ok: false; reason: UnsanitizedReason };

// Bounds on the work one body may cost: larger or busier HTML is shown as text instead.
export const MAX_SANITIZED_HTML_CHARS = 1_000_000;
const HTML_LIMITS = { maxDepth: 200, maxElements: 20_000 };

// Mail never needs these; their text content (if any) is kept as plain text.
const FORBIDDEN_TAGS = [
  "script",
  "noscript",
  "template",
  "base",
  "meta",
  "link",
  "iframe",
  "frame",
  "frameset",
  "object",
  "embed",
  "applet",
  "param",
  "form",
  "input",
  "button",
  "select",
  "option",
  "optgroup",
  "textarea",
  "datalist",
  "output",
  "keygen",
  "isindex",
  "audio",
  "video",
  "source",
  "track",
  "picture",
  "portal",
  "dialog",
  "slot",
  "use",
  "animate",
  "set",
  "animatemotion",
  "animatetransform",
  "foreignobject",
  "feimage",
  "math",
  "xmp",
  "plaintext",
  "listing",
  "noembed",
  "noframes",
];
const FORBIDDEN_ATTRS = [
  "srcset",
  "imagesrcset",
  "ping",
  "action",
  "formaction",
  "poster",
  "lowsrc",
  "dynsrc",
  "longdesc",
  "cite",
  "data",
  "codebase",
  "archive",
  "classid",
  "manifest",
  "profile",
  "usemap",
  "http-equiv",
  "autofocus",
  "contenteditable",
  "popover",
  "popovertarget",
  "integrity",
  "crossorigin",
  "referrerpolicy",
  "loading",
];

const PURIFY_CONFIG: Config & { RETURN_DOM: true } = {
  WHOLE_DOCUMENT: true,
  RETURN_DOM: true,
  FORBID_TAGS: FORBIDDEN_TAGS,
  FORBID_ATTR: FORBIDDEN_ATTRS,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  // DOMPurify's own pattern with fewer schemes; values without a scheme (sizes, names) must pass it too.
  ALLOWED_URI_REGEXP: /^(?:(?:https?|mailto|tel|cid):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i,
};

const SAFE_DATA_IMAGE = /^data:image\/(?:png|jpe?g|gif|webp|bmp|avif)[;,]/i;
const REMOTE_URL = /^(?:https?:)?\/\//i;
const LINK_PROTOCOLS = new Set(["http:", "https:", "mailto:", "tel:"]);
const SVG_NS = "http://www.w3.org/2000/svg";
// Tracking pixels of common mailing services, matched on the image address.
const TRACKER_PATTERNS = [
  /\/track\/open/i,
  /\/wf\/open/i,
  /\/open\.(?:gif|png|php|aspx?)\b/i,
  /\/(?:o|t|px|pixel|beacon|spacer)\.gif\b/i,
  /[/.?&=_-](?:tracking-?pixel|pixel\.(?:gif|png)|openrate|emailopen|mailopen)/i,
  /\/e\/o\//i,
  /\/trk\?/i,
  /list-manage\.com\/track/i,
  /mandrillapp\.com\/track/i,
  /sendgrid\.net\/wf/i,
  /mailchimp\.com\/track/i,
  /hubspotemail\.net/i,
  /google-analytics\.com\/collect/i,
  /\/api\/v\d+\/open/i,
  /mailtrack\.io/i,
  /\/pixel\//i,
];

// One window and one DOMPurify for the whole process: creating a JSDOM per message is slow.
// No hooks are registered; the mail policy runs on the returned tree, so no state is shared between calls.
let purifier: DOMPurify | undefined;
function getPurifier(): DOMPurify {
  purifier ??= createDOMPurify(new JSDOM("<!doctype html><html><body></body></html>").window as unknown as Parameters<typeof createDOMPurify>[0]);
  return purifier;
}

/**
 * Sanitises the HTML of a mail for display in a sandboxed, script-less frame: DOMPurify removes
 * scripts, event handlers and dangerous URLs; then the mail rules apply (no forms, no remote
 * loads unless allowed, no tracking pixels, inline images as data: URLs, links open in a new tab
 * without referrer, links that lie about their destination flagged).
 */
export function sanitizeMessageHtml(html: string, options: SanitizeOptions): SanitizeResult {
  if (html.length > MAX_SANITIZED_HTML_CHARS) return { ok: false, reason: "too-large" };
  const bounded = boundHtml(html, HTML_LIMITS);
  if (!bounded.ok) return { ok: false, reason: "too-complex" };
  const state: PolicyState = { remoteContentBlocked: false, trackersRemoved: 0, suspiciousLinks: 0, linkWarnings: options.linkWarnings };
  const policy: CssPolicy = {
    allowRemote: options.allowRemote,
    resolveCid: (id) => options.resolveCid?.(normaliseContentId(id)),
    onRemoteBlocked: () => {
      state.remoteContentBlocked = true;
    },
  };
  let root: Element | null;
  try {
    root = getPurifier().sanitize(bounded.html, PURIFY_CONFIG) as Element | null;
  } catch {
    return { ok: false, reason: "failed" };
  }
  const document = root?.ownerDocument;
  if (!root || !document) return { ok: false, reason: "failed" };
  const body = document.body;
  // A frameset document has no body: nothing of it is shown.
  if (!body) return { ok: true, value: { html: `<div class="mailroom-message"></div>`, ...state } };

  for (const element of Array.from(root.querySelectorAll("*"))) {
    if (!element.isConnected) continue;
    applyMailPolicy(element, policy, state);
  }
  for (const link of Array.from(body.querySelectorAll("a[href], area[href]"))) finishLink(link, state);

  const headStyles = Array.from(document.head?.querySelectorAll("style") ?? [])
    .map((style) => style.outerHTML)
    .join("");
  const bgcolor = body.getAttribute("bgcolor") ?? "";
  const wrapperStyle = [/^[#\w]{1,32}$/.test(bgcolor) ? `background-color: ${bgcolor}` : "", body.getAttribute("style") ?? ""].filter(Boolean).join("; ");
  let content: string;
  try {
    content = body.innerHTML;
  } catch {
    return { ok: false, reason: "failed" };
  }
  const wrapper = `<div class="mailroom-message"${wrapperStyle ? ` style="${escapeHtml(wrapperStyle)}"` : ""}>`;
  return { ok: true, value: { html: `${headStyles}${wrapper}${content}</div>`, ...state } };
}

/** What the policy pass counts, and the words it writes into deceptive links. */
type PolicyState = { remoteContentBlocked: boolean; trackersRemoved: number; suspiciousLinks: number; readonly linkWarnings: LinkWarningWords };

function applyMailPolicy(element: Element, policy: CssPolicy, state: PolicyState) {
  const tag = element.localName.toLowerCase();
  if (tag === "style") {
    element.textContent = sanitizeCss(element.textContent ?? "", policy);
    for (const attribute of Array.from(element.attributes)) element.removeAttribute(attribute.name);
    return;
  }
  if (tag === "img" && isTrackingPixel(element)) {
    element.remove();
    state.trackersRemoved++;
    return;
  }
  for (const attribute of Array.from(element.attributes)) {
    const name = attribute.name.toLowerCase();
    const local = attribute.localName.toLowerCase();
    const value = attribute.value.trim();
    if (name.startsWith("on") || name === "target" || name === "rel") {
      element.removeAttribute(attribute.name);
    } else if (name === "style") {
      const css = sanitizeCss(value, policy);
      if (css.trim()) element.setAttribute("style", css);
      else element.removeAttribute("style");
    } else if ((tag === "img" && local === "src") || local === "background") {
      setImageUrl(element, attribute.name, value, policy);
    } else if (local === "href") {
      const isLink = (tag === "a" || tag === "area") && element.namespaceURI !== SVG_NS && name === "href";
      if (!isLink && !/^#[\w-]*$/.test(value)) element.removeAttribute(attribute.name);
    } else if (local === "src") {
      element.removeAttribute(attribute.name);
    } else if (/url\s*\(|image-set|expression\s*\(/i.test(value) && !/^url\(\s*['"]?#[\w-]+['"]?\s*\)$/i.test(value)) {
      // SVG presentation attributes (fill, filter, mask, ...) may reference external resources.
      element.removeAttribute(attribute.name);
    }
  }
}

function setImageUrl(element: Element, attribute: string, value: string, policy: CssPolicy) {
  if (/^cid:/i.test(value)) {
    const dataUrl = policy.resolveCid(value.slice(4));
    if (dataUrl) element.setAttribute(attribute, dataUrl);
    else element.removeAttribute(attribute);
  } else if (SAFE_DATA_IMAGE.test(value)) {
    // Kept as it is: a raster image in the message itself.
  } else if (REMOTE_URL.test(value)) {
    const safe = safeRemoteUrl(value);
    if (safe && policy.allowRemote) {
      element.setAttribute(attribute, safe);
    } else {
      element.removeAttribute(attribute);
      if (safe) {
        element.setAttribute(`data-remote-${attribute.toLowerCase()}`, safe);
        policy.onRemoteBlocked();
      }
    }
  } else {
    element.removeAttribute(attribute);
  }
}

function isTrackingPixel(image: Element): boolean {
  const src = image.getAttribute("src")?.trim() ?? "";
  if (!REMOTE_URL.test(src)) return false;
  if (TRACKER_PATTERNS.some((pattern) => pattern.test(src))) return true;
  const style = (image.getAttribute("style") ?? "").toLowerCase().replace(/\s+/g, "");
  const size = (attribute: string, property: string) => {
    const fromAttribute = image.getAttribute(attribute);
    const fromStyle = new RegExp(`(?:^|;)${property}:(\\d+(?:\\.\\d+)?)px`).exec(style)?.[1];
    const value = fromStyle ?? fromAttribute;
    return value !== null && value !== undefined && /^\s*\d+(?:\.\d+)?\s*(?:px)?\s*$/.test(value) ? Number.parseFloat(value) : null;
  };
  const width = size("width", "width");
  const height = size("height", "height");
  if ((width !== null && width <= 2) || (height !== null && height <= 2)) return true;
  return /display:none|visibility:hidden|opacity:0(?:[;.]|$)|max-height:0|max-width:0/.test(style);
}

function finishLink(link: Element, state: PolicyState) {
  const href = link.getAttribute("href")?.trim() ?? "";
  if (href.startsWith("#")) return;
  let url: URL;
  try {
    url = new URL(href.startsWith("//") ? `https:${href}` : href);
  } catch {
    link.removeAttribute("href");
    return;
  }
  if (!LINK_PROTOCOLS.has(url.protocol)) {
    link.removeAttribute("href");
    return;
  }
  link.setAttribute("href", url.href);
  link.setAttribute("target", "_blank");
  link.setAttribute("rel", "noopener noreferrer");
  const warning = deceptiveLinkWarning(link.textContent ?? "", url, state.linkWarnings);
  if (!warning) return;
  link.setAttribute("title", warning);
  link.setAttribute("aria-description", warning);
  link.setAttribute("data-link-warning", "");
  const mark = link.ownerDocument.createElement("span");
  mark.setAttribute("class", "mailroom-link-warning");
  mark.setAttribute("role", "img");
  mark.setAttribute("aria-label", warning);
  mark.setAttribute("title", warning);
  mark.textContent = "⚠";
  link.after(mark);
  state.suspiciousLinks++;
}

function normaliseContentId(id: string): string {
  let value = id.trim();
  try {
    value = decodeURIComponent(value);
  } catch {
    // kept as written
  }
  return value.replace(/^<|>$/g, "").toLowerCase();
}
