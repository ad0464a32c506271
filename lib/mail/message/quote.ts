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

function formatDate(date: Date | null): string {
  if (!date) return "";
  return date.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC";
}

/** "On 3 Mar 2026, 10:15 UTC, Ann <ann@example.org> wrote:" */
export function attributionLine(original: Pick<QuotedOriginal, "from" | "date">): string {
  const when = formatDate(original.date);
  return when ? `On ${when}, ${original.from} wrote:` : `${original.from} wrote:`;
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
export function quoteForReply(original: QuotedOriginal): QuotedBody {
  const attribution = attributionLine(original);
  const quotedHtml = original.html ?? textToHtml(original.text);
  return {
    html: `<p></p><p>${escapeHtml(attribution)}</p><blockquote>${quotedHtml}</blockquote>`,
    text: `\n\n${attribution}\n${quoteText(original.text)}\n`,
  };
}

/** The original under a "Forwarded message" heading, for an inline forward. */
export function quoteForForward(original: QuotedOriginal): QuotedBody {
  const fields: [string, string | undefined][] = [
    ["From", original.from],
    ["Date", formatDate(original.date)],
    ["Subject", original.subject],
    ["To", original.to],
    ["Cc", original.cc],
  ];
  const present = fields.filter((field): field is [string, string] => Boolean(field[1]));
  const heading = "---------- Forwarded message ----------";
  const htmlFields = present.map(([name, value]) => `${name}: ${escapeHtml(value)}`).join("<br>");
  return {
    html: `<p></p><p>${heading}<br>${htmlFields}</p><blockquote>${original.html ?? textToHtml(original.text)}</blockquote>`,
    text: `\n\n${heading}\n${present.map(([name, value]) => `${name}: ${value}`).join("\n")}\n\n${original.text.replace(/\r\n/g, "\n")}\n`,
  };
}
