/** A run of text, or a link made from an address written in it. */
export type TextSegment = { kind: "text"; text: string } | { kind: "link"; text: string; href: string };

/**
 * Plain-text mail as blocks: ordinary text, quoted text ("> " lines) that the reader can fold, and
 * notices about the body (shown as it was not sent: too large to render, cut short), which offer
 * the original message for download.
 */
export type TextBlock =
  | { kind: "text"; segments: TextSegment[] }
  | { kind: "quote"; lineCount: number; blocks: TextBlock[] }
  | { kind: "notice"; reason: NoticeReason; original: { folder: string; uid: number } };

/**
 * Why a body is not shown as it was sent (the view words it in the reader's language): its HTML was
 * not sanitised (too large, too complex, failed), rendering took too long or could not run, the
 * message could not be read, or its text was cut ("long-text").
 */
export type NoticeReason = "too-large" | "too-complex" | "failed" | "timeout" | "unavailable" | "unreadable" | "long-text";

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

// Longer runs without a space are shown as they are, without looking for addresses in them.
const MAX_LINKIFIED_WORD = 10_000;
const STOP_CHARS = new Set([" ", "\t", "\n", "\r", "\f", "\v", "<", ">", '"', "'", "`"]);

/**
 * Text with its web and mail addresses as links (http, https and mailto only). A scanner, not a
 * regular expression: every character is looked at a bounded number of times, whatever the input.
 */
export function linkify(text: string): TextSegment[] {
  const segments: TextSegment[] = [];
  let last = 0;
  for (const found of findAddresses(text)) {
    const href = toHref(found.text);
    if (!href) continue;
    if (found.start > last) segments.push({ kind: "text", text: text.slice(last, found.start) });
    segments.push({ kind: "link", text: found.text, href });
    last = found.start + found.text.length;
  }
  if (last < text.length) segments.push({ kind: "text", text: text.slice(last) });
  return mergeText(segments);
}

/** Address candidates in order: each word (a run of characters that cannot end an address) scanned once. */
function* findAddresses(text: string): Generator<{ start: number; text: string }> {
  let index = 0;
  while (index < text.length) {
    while (index < text.length && STOP_CHARS.has(text[index]!)) index++;
    const wordStart = index;
    while (index < text.length && !STOP_CHARS.has(text[index]!)) index++;
    if (index - wordStart > MAX_LINKIFIED_WORD) continue;
    yield* addressesInWord(text, wordStart, index);
  }
}

function* addressesInWord(text: string, start: number, end: number): Generator<{ start: number; text: string }> {
  let position = start;
  let localStart = start;
  while (position < end) {
    const char = text[position]!;
    if (atWordBoundary(text, position) && /[hmwHMW]/.test(char)) {
      const rest = text.slice(position, Math.min(end, position + 8)).toLowerCase();
      const isUrl = rest.startsWith("http://") || rest.startsWith("https://") || rest.startsWith("mailto:");
      if (isUrl || (rest.startsWith("www.") && WWW_HOST.test(text.slice(position, Math.min(end, position + 256))))) {
        const found = trimTrailingPunctuation(text.slice(position, end));
        if (found.length > (isUrl ? rest.indexOf(":") + 1 : 4)) {
          yield { start: position, text: found };
          return;
        }
      }
    }
    if (char === "@") {
      let from = position;
      while (from > localStart && isLocalChar(text[from - 1]!)) from--;
      while (from < position && !isWordChar(text[from]!)) from++;
      const domainEnd = domainEndAt(text, position + 1, end);
      if (from < position && domainEnd > position + 1) {
        yield { start: from, text: text.slice(from, domainEnd) };
        position = domainEnd;
        localStart = domainEnd;
        continue;
      }
      localStart = position + 1;
    } else if (!isLocalChar(char)) {
      localStart = position + 1;
    }
    position++;
  }
}

function isWordChar(char: string): boolean {
  return /[A-Za-z0-9_]/.test(char);
}

function isLocalChar(char: string): boolean {
  return /[A-Za-z0-9._%+-]/.test(char);
}

function atWordBoundary(text: string, position: number): boolean {
  return position === 0 || !isWordChar(text[position - 1]!);
}

// Anchored and tried on a bounded slice: "www." and at least two more labels.
const WWW_HOST = /^www\.[a-z0-9-]+\.[a-z0-9-]/i;

/**
 * Where a mail domain starting at `from` ends: labels of letters, digits and hyphens joined by
 * single dots, the last one of two or more letters; `from` itself when there is none.
 */
function domainEndAt(text: string, from: number, end: number): number {
  let best = from;
  let position = from;
  let dots = 0;
  while (position < end) {
    const labelStart = position;
    let letters = true;
    while (position < end && /[A-Za-z0-9-]/.test(text[position]!)) {
      if (!/[A-Za-z]/.test(text[position]!)) letters = false;
      position++;
    }
    if (position === labelStart) break;
    if (dots > 0 && letters && position - labelStart >= 2) best = position;
    if (text[position] !== ".") break;
    dots++;
    position++;
  }
  return best;
}

function trimTrailingPunctuation(value: string): string {
  let opened = 0;
  let closed = 0;
  for (const char of value) {
    if (char === "(") opened++;
    else if (char === ")") closed++;
  }
  let end = value.length;
  for (;;) {
    const last = value[end - 1] ?? "";
    if (".,;:!?'\"]}>".includes(last) && last !== "") end--;
    else if (last === ")" && opened < closed) {
      end--;
      closed--;
    } else return value.slice(0, end);
  }
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
