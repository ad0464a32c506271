/** What the CSS of a mail may load: inline images always, remote resources only when the reader allowed them. */
export interface CssPolicy {
  allowRemote: boolean;
  /** A data: URL for an inline image of the message (cid:), or undefined. */
  resolveCid(contentId: string): string | undefined;
  /** Called for every remote resource that was left out. */
  onRemoteBlocked(): void;
}

const SAFE_DATA_IMAGE = /^data:image\/(?:png|jpe?g|gif|webp|bmp|avif)[;,]/i;
const REMOTE_URL = /^(?:https?:)?\/\//i;

/**
 * Makes mail CSS (a style attribute or a <style> element) unable to load anything or escape its
 * frame: escapes and comments are resolved first, so that what is checked is what the browser reads;
 * then @import, image-set(), expression(), -moz-binding, behavior and fixed/sticky positioning are
 * neutralised and every url() is kept only if it is an inline raster image, a fragment, or (when
 * allowed) a remote http(s) address.
 */
export function sanitizeCss(css: string, policy: CssPolicy): string {
  let text = decodeCssEscapes(css.replace(/\/\*[\s\S]*?(?:\*\/|$)/g, " "));
  // No backslash survives, so no escape can be formed out of what decoding produced.
  text = text.replace(/[\\<\u0000]/g, " ");
  text = text.replace(/@import\b[^;]*;?/gi, "");
  text = removeCalls(text, /(?:-webkit-)?image-set\s*\(|expression\s*\(/gi);
  // Declarations that bind code to elements (old Firefox and IE) are dropped whole.
  text = text.replace(/(?:-moz-binding|(?:-ms-)?behaviou?r)\s*:[^;}]*;?/gi, "");
  text = text.replace(/-moz-binding|behaviou?r\s*:/gi, "");
  text = text.replace(/position\s*:\s*(?:-webkit-)?(?:fixed|sticky)/gi, "position: static");
  return rewriteUrls(text, policy);
}

function rewriteUrls(text: string, policy: CssPolicy): string {
  const pattern = /url\s*\(/gi;
  let output = "";
  let last = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const start = match.index;
    const close = findClosingParen(text, pattern.lastIndex);
    const inner = text
      .slice(pattern.lastIndex, close)
      .trim()
      .replace(/^(['"])([\s\S]*)\1$/, "$2")
      .trim();
    output += text.slice(last, start) + replaceUrl(inner, policy);
    last = close < text.length ? close + 1 : text.length;
    pattern.lastIndex = last;
  }
  return output + text.slice(last);
}

/** Replaces whole function calls (arguments included, however nested) with `none`. */
function removeCalls(text: string, pattern: RegExp): string {
  let output = "";
  let last = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    output += `${text.slice(last, match.index)}none`;
    const close = findClosingParen(text, pattern.lastIndex);
    last = close < text.length ? close + 1 : text.length;
    pattern.lastIndex = last;
  }
  return output + text.slice(last);
}

/** The index of the ")" closing a "(" just before `from` (nesting and quoted strings skipped); text.length if none. */
function findClosingParen(text: string, from: number): number {
  let quote: string | null = null;
  let depth = 0;
  for (let index = from; index < text.length; index++) {
    const char = text[index];
    if (quote) {
      if (char === quote || char === "\n") quote = null;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === "(") {
      depth++;
    } else if (char === ")") {
      if (depth === 0) return index;
      depth--;
    }
  }
  return text.length;
}

function replaceUrl(value: string, policy: CssPolicy): string {
  if (value.startsWith("#") && /^#[\w-]+$/.test(value)) return `url("${value}")`;
  if (/^cid:/i.test(value)) {
    const dataUrl = policy.resolveCid(value.slice(4));
    return dataUrl ? `url("${dataUrl}")` : "none";
  }
  if (SAFE_DATA_IMAGE.test(value) && /^[\w:/;,+=.%-]+$/.test(value)) return `url("${value}")`;
  if (REMOTE_URL.test(value)) {
    if (!policy.allowRemote) {
      policy.onRemoteBlocked();
      return "none";
    }
    const safe = safeRemoteUrl(value);
    return safe ? `url("${safe}")` : "none";
  }
  return "none";
}

/** An absolute http(s) URL, percent-encoded so it cannot break out of a quoted CSS string; or null. */
export function safeRemoteUrl(value: string): string | null {
  try {
    const url = new URL(value.startsWith("//") ? `https:${value}` : value);
    if (url.protocol !== "https:" && url.protocol !== "http:") return null;
    return url.href.replace(/["'()\s]/g, (char) => `%${char.charCodeAt(0).toString(16).padStart(2, "0")}`);
  } catch {
    return null;
  }
}

/** Resolves CSS escapes (\75 and \u style) the way a CSS tokenizer does. */
function decodeCssEscapes(text: string): string {
  return text.replace(/\\(?:([0-9a-f]{1,6})[ \t\n\r\f]?|([\s\S]))/gi, (_match, hex: string | undefined, char: string | undefined) => {
    if (hex) {
      const code = Number.parseInt(hex, 16);
      return code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? "\uFFFD" : String.fromCodePoint(code);
    }
    return char === "\n" ? "" : (char ?? "");
  });
}
