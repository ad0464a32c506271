/** A run of text, or a link made from an address written in it. */
export type TextSegment = { kind: "text"; text: string } | { kind: "link"; text: string; href: string };

/** Plain-text mail as blocks: ordinary text, and quoted text ("> " lines) that the reader can fold. */
export type TextBlock = { kind: "text"; segments: TextSegment[] } | { kind: "quote"; lineCount: number; blocks: TextBlock[] };

const MAX_DEPTH = 20;

/**
 * Splits plain text into ordinary and quoted blocks (recursively for quotes within quotes) and
 * turns web and mail addresses into links. Only http, https and mailto links are ever made.
 */
export function renderPlainText(text: string, depth = 0): TextBlock[] {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const blocks: TextBlock[] = [];
  let index = 0;
  while (index < lines.length) {
    const quoted = isQuoted(lines[index] ?? "") && depth < MAX_DEPTH;
    const start = index;
    while (index < lines.length && (isQuoted(lines[index] ?? "") && depth < MAX_DEPTH) === quoted) index++;
    const group = lines.slice(start, index);
    if (quoted) {
      const inner = group.map((line) => line.replace(/^ ?>[ ]?/, "")).join("\n");
      blocks.push({ kind: "quote", lineCount: group.length, blocks: renderPlainText(inner, depth + 1) });
    } else {
      blocks.push({ kind: "text", segments: linkify(group.join("\n")) });
    }
  }
  return blocks;
}

function isQuoted(line: string): boolean {
  return /^ ?>/.test(line);
}

const ADDRESS =
  /\b(?:https?:\/\/[^\s<>"'`]+|www\.[a-z0-9-]+(?:\.[a-z0-9-]+)+[^\s<>"'`]*|mailto:[^\s<>"'`]+|[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,})/gi;

/** Text with its web and mail addresses as links (http, https and mailto only). */
export function linkify(text: string): TextSegment[] {
  const segments: TextSegment[] = [];
  let last = 0;
  for (const match of text.matchAll(ADDRESS)) {
    const raw = trimTrailingPunctuation(match[0]);
    const start = match.index ?? 0;
    const href = toHref(raw);
    if (!href) continue;
    if (start > last) segments.push({ kind: "text", text: text.slice(last, start) });
    segments.push({ kind: "link", text: raw, href });
    last = start + raw.length;
  }
  if (last < text.length) segments.push({ kind: "text", text: text.slice(last) });
  return mergeText(segments);
}

function trimTrailingPunctuation(value: string): string {
  let result = value;
  for (;;) {
    const last = result.at(-1) ?? "";
    if (/[.,;:!?'"\]}>]/.test(last)) result = result.slice(0, -1);
    else if (last === ")" && count(result, "(") < count(result, ")")) result = result.slice(0, -1);
    else return result;
  }
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

function toHref(raw: string): string | null {
  const candidate = /^www\./i.test(raw) ? `https://${raw}` : raw.includes("@") && !/^[a-z]+:/i.test(raw) ? `mailto:${raw}` : raw;
  try {
    const url = new URL(candidate);
    if (url.protocol !== "http:" && url.protocol !== "https:" && url.protocol !== "mailto:") return null;
    return url.href;
  } catch {
    return null;
  }
}

function mergeText(segments: TextSegment[]): TextSegment[] {
  const merged: TextSegment[] = [];
  for (const segment of segments) {
    const previous = merged.at(-1);
    if (segment.kind === "text" && previous?.kind === "text") previous.text += segment.text;
    else merged.push(segment);
  }
  return merged;
}

/** Whether the blocks hold any visible character. */
export function hasVisibleText(blocks: TextBlock[]): boolean {
  return blocks.some((block) =>
    block.kind === "quote" ? hasVisibleText(block.blocks) : block.segments.some((segment) => segment.text.trim().length > 0),
  );
}
