/** Quoting for replies and forwards: the original as a blockquote in HTML and with "> " in plain text. */

import { escapeHtml } from "@/lib/escape-html";

export interface QuotedOriginal {
  from: string;
  to?: string;
  cc?: string;
  date: Date | null;
  subject: string;
  /** Sanitised HTML of the original, or null when it had only text. */
  html: string | null;
  text: string;
}

export interface QuotedBody {
  html: string;
  text: string;
}

const REPLY_PREFIX = /^\s*((re|aw|sv|antw|r|ref)(\[\d+\])?\s*:\s*)+/i;
const FORWARD_PREFIX = /^\s*((fwd?|wg|tr|rv|vs)(\[\d+\])?\s*:\s*)+/i;

/** "Re: subject", without stacking prefixes (Re: Re:, AW:, SV: …). */
export function replySubject(subject: string): string {
  return `Re: ${subject.replace(REPLY_PREFIX, "").trim()}`;
}

/** "Fwd: subject", without stacking prefixes (Fwd: Fw: WG: …). */
export function forwardSubject(subject: string): string {
  return `Fwd: ${subject.replace(FORWARD_PREFIX, "").trim()}`;
}

function textToHtml(text: string): string {
  return text
    .split(/\r?\n\r?\n/)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\r?\n/g, "<br>")}</p>`)
    .join("");
}

/**
 * The words around a quoted original, in the sender's language: lib/mail has no text of its own,
 * the compose read words them (lib/reads/compose-start.ts).
 */
export interface QuoteWording {
  /** "On 3 Mar 2026, 10:15, Ann <ann@example.org> wrote:", or without a date "Ann … wrote:". */
  attribution(from: string, date: Date | null): string;
  /** The original's date on a forward's Date line. */
  date(date: Date): string;
  /** "---------- Forwarded message ----------" */
  forwardHeading: string;
  /** The names of the header lines above a forwarded original. */
  fields: { from: string; date: string; subject: string; to: string; cc: string };
}

/** Prefixes every line with "> " (">" alone for empty lines, so quotes of quotes read ">>"). */
export function quoteText(text: string): string {
  return text
    .replace(/\r\n/g, "\n")
    .replace(/\n+$/, "")
    .split("\n")
    .map((line) => (line.startsWith(">") || line === "" ? `>${line}` : `> ${line}`))
    .join("\n");
}

/** The quoted original placed under an empty reply. */
export function quoteForReply(original: QuotedOriginal, wording: QuoteWording): QuotedBody {
  const attribution = wording.attribution(original.from, original.date);
  const quotedHtml = original.html ?? textToHtml(original.text);
  return {
    html: `<p></p><p>${escapeHtml(attribution)}</p><blockquote>${quotedHtml}</blockquote>`,
    text: `\n\n${attribution}\n${quoteText(original.text)}\n`,
  };
}

/** The original under a "Forwarded message" heading, for an inline forward. */
export function quoteForForward(original: QuotedOriginal, wording: QuoteWording): QuotedBody {
  const fields: [string, string | undefined][] = [
    [wording.fields.from, original.from],
    [wording.fields.date, original.date ? wording.date(original.date) : undefined],
    [wording.fields.subject, original.subject],
    [wording.fields.to, original.to],
    [wording.fields.cc, original.cc],
  ];
  const present = fields.filter((field): field is [string, string] => Boolean(field[1]));
  const heading = wording.forwardHeading;
  const htmlFields = present.map(([name, value]) => `${escapeHtml(name)}: ${escapeHtml(value)}`).join("<br>");
  return {
    html: `<p></p><p>${escapeHtml(heading)}<br>${htmlFields}</p><blockquote>${original.html ?? textToHtml(original.text)}</blockquote>`,
    text: `\n\n${heading}\n${present.map(([name, value]) => `${name}: ${value}`).join("\n")}\n\n${original.text.replace(/\r\n/g, "\n")}\n`,
  };
}
