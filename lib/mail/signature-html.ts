import createDOMPurify from "dompurify";
import { JSDOM } from "jsdom";

/**
 * Cleans the HTML of an email signature with a small allowlist: paragraphs, line breaks, bold,
 * italic, underline, strike-through, lists, quotes and links (http, https, mailto, tel). No
 * styles, classes, images or scripts; a signature goes out in every message.
 */

const ALLOWED_TAGS = ["p", "br", "strong", "b", "em", "i", "u", "s", "a", "ul", "ol", "li", "blockquote", "span", "div"];
const ALLOWED_ATTR = ["href"];
const ALLOWED_URI_REGEXP = /^(?:https?:|mailto:|tel:)/i;

let purifier: ReturnType<typeof createDOMPurify> | undefined;

function domPurify() {
  purifier ??= createDOMPurify(new JSDOM("").window);
  return purifier;
}

export function sanitizeSignatureHtml(html: string): string {
  const clean = domPurify().sanitize(html, { ALLOWED_TAGS, ALLOWED_ATTR, ALLOWED_URI_REGEXP, KEEP_CONTENT: true });
  // An editor's empty document ("<p></p>") is no signature at all.
  return clean.replace(/<p>(\s|<br>)*<\/p>/g, "").trim() === "" ? "" : clean.trim();
}
