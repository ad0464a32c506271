import type { DOMPurify } from "dompurify";

/**
 * Cleans the HTML of an email signature with a small allowlist: paragraphs, line breaks, bold,
 * italic, underline, strike-through, lists, quotes and links (http, https, mailto, tel). No
 * styles, classes, images or scripts; a signature goes out in every message.
 */

const ALLOWED_TAGS = ["p", "br", "strong", "b", "em", "i", "u", "s", "a", "ul", "ol", "li", "blockquote", "span", "div"];
const ALLOWED_ATTR = ["href"];
const ALLOWED_URI_REGEXP = /^(?:https?:|mailto:|tel:)/i;

let purifier: Promise<DOMPurify> | undefined;

// jsdom is large: it is loaded on the first signature saved, not when the server starts.
function domPurify(): Promise<DOMPurify> {
  purifier ??= Promise.all([import("dompurify"), import("jsdom")]).then(([{ default: createDOMPurify }, { JSDOM }]) => createDOMPurify(new JSDOM("").window));
  return purifier;
}

export async function sanitizeSignatureHtml(html: string): Promise<string> {
  const clean = (await domPurify()).sanitize(html, { ALLOWED_TAGS, ALLOWED_ATTR, ALLOWED_URI_REGEXP, KEEP_CONTENT: true });
  // An editor's empty document ("<p></p>") is no signature at all.
  return clean.replace(/<p>(\s|<br>)*<\/p>/g, "").trim() === "" ? "" : clean.trim();
}
