/**
 * A linear pre-pass over untrusted HTML, before any DOM is built: it follows the nesting the way
 * an HTML parser would (closely enough), drops start tags nested deeper than `maxDepth` (with their
 * end tags; the text inside stays), writes out the end tags a parser would imply, and counts the
 * elements. It decides nothing about safety: DOMPurify still sanitises what it returns.
 * Every character is looked at a bounded number of times (the open-element stack is at most
 * `maxDepth` deep), so no input makes it slow.
 */
export interface HtmlLimits {
  maxDepth: number;
  maxElements: number;
}

export type BoundedHtml = { ok: true; html: string; droppedTags: number } | { ok: false; reason: "too-many-elements" };

const VOID_ELEMENTS = new Set([
  "area",
  "base",
  "basefont",
  "bgsound",
  "br",
  "col",
  "embed",
  "frame",
  "hr",
  "image",
  "img",
  "input",
  "keygen",
  "link",
  "meta",
  "param",
  "source",
  "track",
  "wbr",
]);
// Their content is text up to their own end tag (script, style and the like).
const RAW_TEXT_ELEMENTS = new Set(["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"]);
// Elements that bound where an implied end tag is looked for.
const SCOPE_ELEMENTS = new Set(["applet", "caption", "html", "table", "td", "th", "marquee", "object", "template", "button", "svg", "math"]);
const CLOSES_P = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "center",
  "details",
  "dialog",
  "dir",
  "div",
  "dl",
  "fieldset",
  "figcaption",
  "figure",
  "footer",
  "form",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hgroup",
  "hr",
  "main",
  "menu",
  "nav",
  "ol",
  "p",
  "pre",
  "section",
  "summary",
  "table",
  "ul",
  "li",
  "dd",
  "dt",
  "listing",
  "xmp",
]);
const HEADINGS = new Set(["h1", "h2", "h3", "h4", "h5", "h6"]);

const ONLY_P = new Set(["p"]);
const LIST_SCOPE = new Set([...SCOPE_ELEMENTS, "ul", "ol"]);
const TABLE_ROW_SCOPE = new Set(["tr", "table", "html", "template"]);
// What a start tag closes first (the open elements it implies an end tag for), and where looking for them stops.
const IMPLIED_CLOSE = new Map<string, { names: Set<string>; stopAt: Set<string> }>([
  ["li", { names: new Set(["li"]), stopAt: LIST_SCOPE }],
  ["dd", { names: new Set(["dd", "dt"]), stopAt: new Set([...SCOPE_ELEMENTS, "dl"]) }],
  ["dt", { names: new Set(["dd", "dt"]), stopAt: new Set([...SCOPE_ELEMENTS, "dl"]) }],
  ["td", { names: new Set(["td", "th"]), stopAt: TABLE_ROW_SCOPE }],
  ["th", { names: new Set(["td", "th"]), stopAt: TABLE_ROW_SCOPE }],
  ["tr", { names: new Set(["tr"]), stopAt: new Set(["table", "html", "template"]) }],
  ["option", { names: new Set(["option"]), stopAt: new Set(["select", "datalist", "html"]) }],
  ["optgroup", { names: new Set(["option", "optgroup"]), stopAt: new Set(["select", "html"]) }],
  ["a", { names: new Set(["a"]), stopAt: SCOPE_ELEMENTS }],
  ["nobr", { names: new Set(["nobr"]), stopAt: SCOPE_ELEMENTS }],
]);

interface Tag {
  name: string;
  end: boolean;
  selfClosing: boolean;
  /** Index just after the closing ">" (or the input's length when it never closes). */
  next: number;
}

export function boundHtml(html: string, limits: HtmlLimits): BoundedHtml {
  const out: string[] = [];
  const open: string[] = [];
  // How many elements of each name are open: most tags then need no walk down the stack.
  const openCount = new Map<string, number>();
  const push = (name: string) => {
    open.push(name);
    openCount.set(name, (openCount.get(name) ?? 0) + 1);
  };
  const pop = () => {
    const name = open.pop()!;
    openCount.set(name, openCount.get(name)! - 1);
    return name;
  };
  const isOpen = (name: string) => (openCount.get(name) ?? 0) > 0;
  let droppedTags = 0;
  let elements = 0;
  let index = 0;

  const closeTo = (position: number) => {
    while (open.length > position) out.push(`</${pop()}>`);
  };
  const findOpen = (names: Set<string>, stopAt: Set<string>): number => {
    if (![...names].some(isOpen)) return -1;
    for (let i = open.length - 1; i >= 0; i--) {
      const name = open[i]!;
      if (names.has(name)) return i;
      if (stopAt.has(name)) return -1;
    }
    return -1;
  };
  const inForeignContent = () => isOpen("svg") || isOpen("math");

  while (index < html.length) {
    const lt = html.indexOf("<", index);
    if (lt < 0) {
      out.push(html.slice(index));
      break;
    }
    if (lt > index) out.push(html.slice(index, lt));
    const next = html[lt + 1] ?? "";
    if (html.startsWith("<!--", lt)) {
      const close = html.indexOf("-->", lt + 4);
      index = close < 0 ? html.length : close + 3;
      continue; // Comments are dropped by the sanitiser anyway.
    }
    if (next === "!" || next === "?") {
      const close = html.indexOf(">", lt + 2);
      const end = close < 0 ? html.length : close + 1;
      if (/^<!doctype/i.test(html.slice(lt, lt + 9))) out.push(html.slice(lt, end));
      index = end;
      continue;
    }
    if (!isAsciiLetter(next) && !(next === "/" && isAsciiLetter(html[lt + 2] ?? ""))) {
      out.push("&lt;");
      index = lt + 1;
      continue;
    }
    const tag = readTag(html, lt);
    const source = html.slice(lt, tag.next);
    index = tag.next;

    if (tag.end) {
      const at = isOpen(tag.name) ? open.lastIndexOf(tag.name) : -1;
      if (at < 0) {
        droppedTags++;
        continue;
      }
      closeTo(at + 1);
      pop();
      out.push(source);
      continue;
    }

    if (tag.name === "plaintext") {
      out.push(escapeText(html.slice(index)));
      break;
    }
    if (CLOSES_P.has(tag.name)) {
      const p = findOpen(ONLY_P, SCOPE_ELEMENTS);
      if (p >= 0) closeTo(p);
    }
    if (HEADINGS.has(tag.name) && HEADINGS.has(open.at(-1) ?? "")) closeTo(open.length - 1);
    if (tag.name === "body" && isOpen("head")) closeTo(open.indexOf("head"));
    const implied = IMPLIED_CLOSE.get(tag.name);
    if (implied) {
      const at = findOpen(implied.names, implied.stopAt);
      if (at >= 0) closeTo(at);
    }

    const isVoid = VOID_ELEMENTS.has(tag.name) || (tag.selfClosing && inForeignContent());
    const rawText = RAW_TEXT_ELEMENTS.has(tag.name) && !isVoid;
    const contentEnd = rawText ? rawTextEnd(html, index, tag.name) : index;
    if (!isVoid && open.length >= limits.maxDepth) {
      droppedTags++;
      index = contentEnd; // A raw-text element too deep goes whole: its content is not text to show.
      continue;
    }
    elements++;
    if (elements > limits.maxElements) return { ok: false, reason: "too-many-elements" };
    out.push(source);
    if (isVoid) continue;
    push(tag.name);
    if (rawText) {
      // Its end tag comes next and is written as any end tag.
      out.push(html.slice(index, contentEnd));
      index = contentEnd;
    }
  }
  closeTo(0);
  return { ok: true, html: out.join(""), droppedTags };
}

function isAsciiLetter(char: string): boolean {
  return (char >= "a" && char <= "z") || (char >= "A" && char <= "Z");
}

function isSpace(char: string): boolean {
  return char === " " || char === "\t" || char === "\n" || char === "\r" || char === "\f";
}

/** Reads the tag starting at `lt` the way the HTML tokenizer does: quotes only count in attribute values. */
function readTag(html: string, lt: number): Tag {
  const end = html[lt + 1] === "/";
  let index = lt + (end ? 2 : 1);
  const nameStart = index;
  while (index < html.length && !isSpace(html[index]!) && html[index] !== "/" && html[index] !== ">") index++;
  const name = html.slice(nameStart, index).toLowerCase();
  let state: "between" | "name" | "afterName" | "beforeValue" | "quoted" | "unquoted" = "between";
  let quote = "";
  let selfClosing = false;
  for (; index < html.length; index++) {
    const char = html[index]!;
    if (state === "quoted") {
      if (char === quote) state = "between";
      continue;
    }
    if (char === ">") return { name, end, selfClosing, next: index + 1 };
    if (state === "unquoted") {
      if (isSpace(char)) state = "between";
      continue;
    }
    if (state === "beforeValue") {
      if (char === '"' || char === "'") {
        quote = char;
        state = "quoted";
      } else if (!isSpace(char)) {
        state = "unquoted";
      }
      continue;
    }
    selfClosing = char === "/";
    if (char === "=" && (state === "name" || state === "afterName")) state = "beforeValue";
    else if (isSpace(char)) state = state === "name" ? "afterName" : state;
    else if (char !== "/") state = "name";
  }
  return { name, end, selfClosing, next: html.length };
}

/** Where a raw-text element's content ends: at its own end tag (any case), or the end of the input. */
function rawTextEnd(html: string, from: number, name: string): number {
  for (let at = html.indexOf("</", from); at >= 0; at = html.indexOf("</", at + 2)) {
    const after = html[at + 2 + name.length] ?? "";
    if (html.slice(at + 2, at + 2 + name.length).toLowerCase() === name && (after === "" || after === ">" || after === "/" || isSpace(after))) return at;
  }
  return html.length;
}

/**
 * The text a reader would see in HTML, for showing a body that is not rendered: tags dropped,
 * script and style content left out, the common entities decoded, at most `maxChars` characters.
 */
export function textOfHtml(html: string, maxChars: number): string {
  const out: string[] = [];
  let length = 0;
  const add = (text: string) => {
    const decoded = decodeCommonEntities(text);
    out.push(decoded);
    length += decoded.length;
  };
  let index = 0;
  while (index < html.length && length < maxChars) {
    const lt = html.indexOf("<", index);
    if (lt < 0) {
      add(html.slice(index, index + maxChars));
      break;
    }
    if (lt > index) add(html.slice(index, Math.min(lt, index + maxChars)));
    if (html.startsWith("<!--", lt)) {
      const close = html.indexOf("-->", lt + 4);
      index = close < 0 ? html.length : close + 3;
      continue;
    }
    if (!isAsciiLetter(html[lt + 1] ?? "") && html[lt + 1] !== "/" && html[lt + 1] !== "!" && html[lt + 1] !== "?") {
      add("<");
      index = lt + 1;
      continue;
    }
    const tag = readTag(html, lt);
    index = tag.next;
    if (!tag.end && (tag.name === "script" || tag.name === "style" || tag.name === "title")) index = rawTextEnd(html, index, tag.name);
    else if (BLOCK_BREAKS.has(tag.name)) add("\n");
  }
  const lines = out.join("").slice(0, maxChars).split("\n");
  return lines
    .map((line) => line.trimEnd())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

const BLOCK_BREAKS = new Set(["br", "p", "div", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "hr"]);
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", "#39": "'", "#160": " " };

function decodeCommonEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|nbsp|#39|#160);/gi, (_match, name: string) => ENTITIES[name.toLowerCase()] ?? "");
}

function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;");
}
