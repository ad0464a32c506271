/**
 * Human-readable content of a planned message: subject and body paragraphs in
 * the thread's language, plus plain-text and HTML renderings with the quoted
 * parent for replies.
 */
import { escapeHtml } from "@/lib/escape-html";
import { rngFor, type Rng } from "./prng";
import { LOCALES, type Locale } from "./international-text";
import { COMPANIES, GREETINGS, MONTH_NAMES, PROJECTS, REPLY_OPENERS, SIGN_OFFS, TIMES, TOPICS, UTF8_SUBJECT_EXTRAS, WEEKDAYS } from "./vocabulary";
import { formatRfc5322Date } from "./mime-encoding";
import { planMessage, type MailboxOptions, type MessagePlan, type Person } from "./message-plan";

export function localeOf(plan: MessagePlan): Locale | null {
  return plan.locale === null ? null : LOCALES[plan.locale]!;
}

function firstName(person: Person): string {
  return person.name.split(" ")[0] ?? person.name;
}

function fillTemplate(template: string, rng: Rng, person: Person): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    switch (key) {
      case "n":
        return String(rng.range(1, 4));
      case "ref":
        return `${rng.pick(["INV", "PO", "CR", "REF"])}-${rng.range(1000, 99999)}`;
      case "month":
        return rng.pick(MONTH_NAMES);
      case "weekday":
        return rng.pick(WEEKDAYS);
      case "time":
        return rng.pick(TIMES);
      case "project":
        return rng.pick(PROJECTS);
      case "company":
        return rng.pick(COMPANIES).name;
      case "first":
        return firstName(person);
      default:
        return key;
    }
  });
}

/** Subject of a thread root (replies prefix it). */
export function rootSubject(options: MailboxOptions, root: MessagePlan): string {
  const rng = rngFor(options.seed, root.index, "subject");
  const locale = localeOf(root);
  if (locale) return rng.pick(locale.subjects);
  const topic = TOPICS[root.topic % TOPICS.length]!;
  let subject = fillTemplate(rng.pick(topic.subjects), rng, root.author);
  if (rng.chance(0.06)) subject = `${subject} ${rng.pick(UTF8_SUBJECT_EXTRAS)}`;
  return subject;
}

export function messageSubject(options: MailboxOptions, plan: MessagePlan): string {
  const root = plan.root === plan.index ? plan : planMessage(options, plan.root);
  const subject = rootSubject(options, root);
  if (plan.parent === null) return subject;
  const locale = localeOf(plan);
  return `${plan.own || !locale ? "Re: " : locale.replyPrefix}${subject}`;
}

/** The new text of a message (no quote): paragraphs, each a list of sentences. */
export function messageParagraphs(options: MailboxOptions, plan: MessagePlan): string[] {
  const rng = rngFor(options.seed, plan.index, "body");
  const recipient = plan.to[0]!;
  const locale = plan.own ? null : localeOf(plan);
  if (locale) {
    const sentences = [...locale.sentences];
    const body: string[] = [locale.greeting];
    const n = rng.range(2, Math.min(4, sentences.length));
    const picked: string[] = [];
    for (let i = 0; i < n; i++) picked.push(sentences.splice(rng.int(sentences.length), 1)[0]!);
    const cjk = ["ja", "zh-cn", "zh-cn-gbk", "zh-tw"].includes(locale.id);
    body.push(cjk ? picked.join("\n") : picked.join(" "));
    body.push(`${locale.signOff}\n${plan.author.name}`);
    return body;
  }
  const topic = TOPICS[plan.topic % TOPICS.length]!;
  const fill = (s: string) => fillTemplate(s, rng, recipient);
  const paragraphs = [fill(rng.pick(GREETINGS))];
  const pool = [...topic.sentences];
  const sentencesFrom = (count: number) => {
    const out: string[] = [];
    for (let i = 0; i < count && pool.length > 0; i++) out.push(fill(pool.splice(rng.int(pool.length), 1)[0]!));
    return out.join(" ");
  };
  if (plan.parent !== null) paragraphs.push(`${rng.pick(REPLY_OPENERS)} ${sentencesFrom(rng.range(1, 2))}`);
  else paragraphs.push(sentencesFrom(rng.range(2, 4)));
  if (rng.chance(0.5)) paragraphs.push(sentencesFrom(rng.range(1, 3)));
  let closing = `${rng.pick(SIGN_OFFS)}\n${firstName(plan.author)}`;
  if (plan.author.title && rng.chance(0.6)) {
    closing += `\n\n-- \n${plan.author.name}\n${plan.author.title}, ${plan.author.company}`;
  }
  paragraphs.push(closing);
  return paragraphs;
}

/** Wraps at spaces to `width` columns (CJK text has its own short lines). */
export function wrap(text: string, width = 72): string {
  return text
    .split("\n")
    .map((line) => {
      if (line.length <= width || !line.includes(" ")) return line;
      const out: string[] = [];
      let current = "";
      for (const word of line.split(" ")) {
        if (current && current.length + 1 + word.length > width) {
          out.push(current);
          current = word;
        } else current = current ? `${current} ${word}` : word;
      }
      out.push(current);
      return out.join("\n");
    })
    .join("\n");
}

export interface QuotedParent {
  attribution: string;
  paragraphs: string[];
}

export function quotedParent(options: MailboxOptions, plan: MessagePlan): QuotedParent | null {
  if (plan.parent === null) return null;
  const parent = planMessage(options, plan.parent);
  const when = formatRfc5322Date(parent.date, plan.author.tzOffset);
  const attribution = `On ${when}, ${parent.author.name} <${parent.author.address}> wrote:`;
  // Quote only the parent's own text, not its quote, to keep messages small.
  return { attribution, paragraphs: messageParagraphs(options, parent) };
}

/** Plain-text body with LF line breaks (the MIME layer converts to CRLF). */
export function renderPlainText(paragraphs: string[], quote: QuotedParent | null): string {
  let text = paragraphs.map((p) => wrap(p)).join("\n\n");
  if (quote) {
    const quoted = quote.paragraphs
      .map((p) => wrap(p, 70))
      .join("\n\n")
      .split("\n")
      .map((l) => (l ? `> ${l}` : ">"));
    text += `\n\n${quote.attribution}\n${quoted.join("\n")}`;
  }
  return `${text}\n`;
}

function htmlParagraphs(paragraphs: string[]): string {
  return paragraphs.map((p) => `<p>${escapeHtml(p).replace(/\n/g, "<br>\n")}</p>`).join("\n");
}

/** A simple, mail-client-like HTML document; `extra` is inserted before the quote. */
export function renderHtml(paragraphs: string[], quote: QuotedParent | null, charset: string, extra = ""): string {
  const quoteHtml = quote
    ? `\n<div class="quote">${escapeHtml(quote.attribution)}</div>\n<blockquote style="margin:0 0 0 .8ex;border-left:1px solid #ccc;padding-left:1ex">\n${htmlParagraphs(quote.paragraphs)}\n</blockquote>`
    : "";
  return `<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=${charset}">
</head>
<body style="font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#222">
${htmlParagraphs(paragraphs)}${extra}${quoteHtml}
</body>
</html>
`;
}
