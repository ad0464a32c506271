import { words, type DeliverabilityWords } from "./check-view";

/**
 * The `tag=value; tag=value` lists of DKIM (RFC 6376 §3.2) and DMARC (RFC 7489 §6.4) records.
 * Tag names are case-sensitive in DKIM and case-insensitive in DMARC: the caller says which.
 * A duplicate tag makes the whole list invalid (RFC 6376 §3.2).
 */
export type ParsedTagList = { ok: true; tags: Map<string, string>; order: string[] } | { ok: false; error: DeliverabilityWords };

const TAG_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const MAX_TAGS = 64;

export function parseTagList(text: string, options: { lowerCaseNames: boolean }): ParsedTagList {
  const tags = new Map<string, string>();
  const order: string[] = [];
  const parts = text.split(";");
  for (const [index, part] of parts.entries()) {
    const trimmed = part.trim();
    // A trailing ";" is allowed; an empty part elsewhere is sloppy but harmless.
    if (trimmed === "") continue;
    const equals = trimmed.indexOf("=");
    if (equals === -1) return { ok: false, error: words("tags.notTagValue", { text: clip(trimmed) }) };
    const rawName = trimmed.slice(0, equals).trim();
    const name = options.lowerCaseNames ? rawName.toLowerCase() : rawName;
    if (!TAG_NAME.test(name)) return { ok: false, error: words("tags.badName", { text: clip(rawName) }) };
    if (tags.has(name)) return { ok: false, error: words("tags.twice", { tag: name }) };
    if (tags.size >= MAX_TAGS || index > MAX_TAGS * 2) return { ok: false, error: words("tags.tooMany") };
    tags.set(name, trimmed.slice(equals + 1).trim());
    order.push(name);
  }
  return { ok: true, tags, order };
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}
