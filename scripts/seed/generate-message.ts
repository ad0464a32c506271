/**
 * generateMessage(index, options): the complete RFC 5322 message #index of a
 * deterministic mailbox series, as bytes, plus its Maildir flags, date and the
 * folder role it belongs to. Pure: the same options and index always give the
 * same bytes, so tests can APPEND generated messages over IMAP as well.
 */
import { escapeHtml } from "@/lib/escape-html";
import { rngFor, type Rng } from "./prng";
import { tinyPdf, tinyPng, csvExport } from "./binary-fixtures";
import { encodeText } from "./charset-encoding";
import { encodeWords, foldAscii, formatAddressList, formatMailbox, formatRfc5322Date, formatUnstructured, rfc2231Parameter, type Mailbox } from "./mime-encoding";
import { ancestorIds, planMessage, type MailboxOptions, type MessagePlan } from "./message-plan";
import { localeOf, messageParagraphs, messageSubject, quotedParent, renderHtml, renderPlainText, type QuotedParent } from "./message-text";
import { serializeMessage, type LeafPart, type MimePart, type TransferEncoding } from "./mime-tree";
import { DECEPTIVE_LINKS, NEWSLETTERS } from "./vocabulary";

export type { MailboxOptions } from "./message-plan";

export interface GeneratedMessage {
  raw: Buffer;
  /** Maildir info flags, sorted: "" (unread), "S", "FS", ... */
  flags: string;
  /** Sent date; also used as the received date (Maildir mtime / IMAP INTERNALDATE). */
  date: Date;
  /** "sent" for the user's own replies when options.sentReplies, else "main". */
  folder: "main" | "sent";
  messageId: string;
  subject: string;
}

const DEFAULT_SPAN_MAX_DAYS = 5 * 365;

/** Options with the defaults the CLI uses: ~8 hours between messages, 30 days to 5 years. */
export function defaultMailboxOptions(partial: Partial<MailboxOptions> & { user: Mailbox }): MailboxOptions {
  const count = partial.count ?? 1000;
  return {
    seed: partial.seed ?? 42,
    user: partial.user,
    count,
    endDate: partial.endDate ?? new Date("2026-11-20T16:00:00Z"),
    spanDays: partial.spanDays ?? Math.min(DEFAULT_SPAN_MAX_DAYS, Math.max(30, Math.round((count * 8) / 24))),
    sentReplies: partial.sentReplies ?? false,
    namespace: partial.namespace ?? "",
  };
}

function textLeaf(text: string, subtype: "plain" | "html", charset: string, transfer: TransferEncoding): LeafPart {
  const crlf = text.replace(/\r?\n/g, "\r\n");
  return {
    kind: "leaf",
    contentType: `text/${subtype}; charset="${charset}"`,
    transfer,
    body: encodeText(crlf, charset),
  };
}

function boundary(options: MailboxOptions, index: number, depth: number): string {
  return `=_mailroom_${options.seed.toString(36)}_${index.toString(36)}_${depth}`;
}

function attachmentLeaf(rng: Rng, plan: MessagePlan): LeafPart {
  const variant = rng.int(4);
  if (variant === 0) {
    const name = `Invoice-${plan.index + 1000}.pdf`;
    return {
      kind: "leaf",
      contentType: `application/pdf; name="${name}"`,
      transfer: "base64",
      body: tinyPdf(`Invoice ${plan.index + 1000}`),
      headers: [`Content-Disposition: attachment; filename="${name}"`],
    };
  }
  if (variant === 1) {
    const name = `export-${plan.date.toISOString().slice(0, 7)}.csv`;
    return {
      kind: "leaf",
      contentType: `text/csv; charset="utf-8"; name="${name}"`,
      transfer: "base64",
      body: csvExport(rng.range(5, 25), plan.index),
      headers: [`Content-Disposition: attachment; filename="${name}"`],
    };
  }
  if (variant === 2) {
    // RFC 2231 (charset + continuations) for a long non-ASCII file name; RFC 2047
    // in the legacy Content-Type name= parameter, as many clients send it.
    const name = `Übersicht Q${(plan.index % 4) + 1} – Präsentation für den Vorstand (endgültig).pdf`;
    return {
      kind: "leaf",
      contentType: `application/pdf;\r\n name="${encodeWords(name, "utf-8", "B").replace(/\r\n /g, " ")}"`,
      transfer: "base64",
      body: tinyPdf(`Quarterly overview Q${(plan.index % 4) + 1}`),
      headers: [`Content-Disposition: attachment;\r\n ${rfc2231Parameter("filename", name)}`],
    };
  }
  return {
    kind: "leaf",
    contentType: `text/plain; charset="utf-8"; name="notes.txt"`,
    transfer: "base64",
    body: Buffer.from(`Notes for message ${plan.index}\r\n- item one\r\n- item two\r\n`, "utf8"),
    headers: [`Content-Disposition: attachment; filename="notes.txt"`],
  };
}

interface Content {
  root: MimePart;
  charset: string;
  headerMode: "B" | "Q";
  extraHeaders: string[];
  subjectOverride?: string;
  fromOverride?: Mailbox;
}

function buildContent(options: MailboxOptions, plan: MessagePlan, rng: Rng): Content {
  const paragraphs = messageParagraphs(options, plan);
  const quote: QuotedParent | null = quotedParent(options, plan);
  const plain = renderPlainText(paragraphs, quote);
  const utf8 = (mode: "B" | "Q") => ({ charset: "utf-8", headerMode: mode, extraHeaders: [] as string[] });
  const mode: "B" | "Q" = rng.chance(0.5) ? "B" : "Q";
  const b = (depth: number) => boundary(options, plan.index, depth);

  switch (plan.kind) {
    case "plain":
      return { root: textLeaf(plain, "plain", "utf-8", "quoted-printable"), ...utf8(mode) };
    case "alternative":
      return {
        root: {
          kind: "multipart",
          subtype: "alternative",
          boundary: b(0),
          parts: [textLeaf(plain, "plain", "utf-8", "quoted-printable"), textLeaf(renderHtml(paragraphs, quote, "utf-8"), "html", "utf-8", "quoted-printable")],
        },
        ...utf8(mode),
      };
    case "attachment": {
      const body: MimePart = rng.chance(0.5)
        ? textLeaf(plain, "plain", "utf-8", "quoted-printable")
        : {
            kind: "multipart",
            subtype: "alternative",
            boundary: b(1),
            parts: [textLeaf(plain, "plain", "utf-8", "quoted-printable"), textLeaf(renderHtml(paragraphs, quote, "utf-8"), "html", "utf-8", "quoted-printable")],
          };
      const attachments = [attachmentLeaf(rng, plan)];
      if (rng.chance(0.25)) attachments.push(attachmentLeaf(rng, plan));
      return { root: { kind: "multipart", subtype: "mixed", boundary: b(0), parts: [body, ...attachments] }, ...utf8(mode) };
    }
    case "inline-image": {
      const cid = `logo.${plan.index.toString(36)}@mailroom.seed`;
      const extra = `\n<p><img src="cid:${cid}" alt="Company logo" width="16" height="16"> ${escapeHtml(plan.author.company ?? "")}</p>`;
      return {
        root: {
          kind: "multipart",
          subtype: "related",
          boundary: b(0),
          params: `type="multipart/alternative"`,
          parts: [
            {
              kind: "multipart",
              subtype: "alternative",
              boundary: b(1),
              parts: [textLeaf(plain, "plain", "utf-8", "quoted-printable"), textLeaf(renderHtml(paragraphs, quote, "utf-8", extra), "html", "utf-8", "quoted-printable")],
            },
            {
              kind: "leaf",
              contentType: `image/png; name="logo.png"`,
              transfer: "base64",
              body: tinyPng(plan.index),
              headers: [`Content-ID: <${cid}>`, `Content-Disposition: inline; filename="logo.png"`],
            },
          ],
        },
        ...utf8(mode),
      };
    }
    case "international": {
      const locale = localeOf(plan)!;
      const html = !plan.own && rng.chance(0.35);
      const root: MimePart = html
        ? {
            kind: "multipart",
            subtype: "alternative",
            boundary: b(0),
            parts: [
              textLeaf(plain, "plain", locale.charset, locale.transfer),
              textLeaf(renderHtml(paragraphs, quote, locale.charset), "html", locale.charset, locale.transfer === "7bit" ? "7bit" : "quoted-printable"),
            ],
          }
        : textLeaf(plain, "plain", locale.charset, locale.transfer);
      return { root, charset: locale.charset, headerMode: locale.headerMode, extraHeaders: [] };
    }
    case "newsletter": {
      const letter = NEWSLETTERS[plan.index % NEWSLETTERS.length]!;
      const subject = rng.pick(letter.subjects);
      const trackId = (plan.index * 2654435761) >>> 0;
      const items = [1, 2, 3].map(
        (n) =>
          `<tr><td><img src="${letter.cdn}/items/${(trackId + n) % 997}.jpg" width="120" height="90" alt="Item ${n}"></td><td><a href="${letter.cdn.replace("cdn.", "www.").replace("img.", "www.")}/p/${(trackId + n) % 997}">Read more about item ${n}</a></td></tr>`,
      );
      const html = `<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="background:#f4f4f4;margin:0">
<table width="600" align="center" style="background:#fff;background-image:url('${letter.cdn}/bg.png')">
<tr><td colspan="2"><img src="${letter.cdn}/banner.png" width="600" height="120" alt="${escapeHtml(letter.from.name)}"></td></tr>
<tr><td colspan="2"><h1>${escapeHtml(subject)}</h1><p>Hello ${escapeHtml(options.user.name)}, here is what is new this week.</p></td></tr>
${items.join("\n")}
<tr><td colspan="2"><p style="font-size:11px">You receive this because you subscribed. <a href="https://www.${letter.from.address.split("@")[1]}/unsubscribe?u=${trackId}">Unsubscribe</a></p></td></tr>
</table>
<img src="${letter.tracker}?id=${trackId}" width="1" height="1" alt="" style="display:none">
</body></html>
`;
      const text = `${subject}\n\nHello ${options.user.name}, here is what is new this week.\nView online: https://www.${letter.from.address.split("@")[1]}/view/${trackId}\n`;
      return {
        root: {
          kind: "multipart",
          subtype: "alternative",
          boundary: b(0),
          parts: [textLeaf(text, "plain", "utf-8", "quoted-printable"), textLeaf(html, "html", "utf-8", "quoted-printable")],
        },
        charset: "utf-8",
        headerMode: "Q",
        extraHeaders: [
          `List-Id: ${letter.from.name} <weekly.${letter.from.address.split("@")[1]}>`,
          `List-Unsubscribe: <https://www.${letter.from.address.split("@")[1]}/unsubscribe?u=${trackId}>`,
          "Precedence: bulk",
        ],
        subjectOverride: subject,
        fromOverride: letter.from,
      };
    }
    case "deceptive-link": {
      const lure = DECEPTIVE_LINKS[plan.index % DECEPTIVE_LINKS.length]!;
      const html = `<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>
<body>
<p>Dear customer,</p>
<p>We noticed unusual activity and need you to confirm your details within 24 hours.</p>
<p>Please sign in at <a href="${lure.href}">${lure.text}</a> to avoid interruption.</p>
<p><img src="https://${lure.href.split("/")[2]}/logo.gif" alt="logo"></p>
<p>Thank you,<br>${escapeHtml(lure.from.name)}</p>
</body></html>
`;
      return {
        root: textLeaf(html, "html", "utf-8", "quoted-printable"),
        charset: "utf-8",
        headerMode: "Q",
        extraHeaders: [],
        subjectOverride: lure.subject,
        fromOverride: lure.from,
      };
    }
  }
}

function mailboxHeader(mailbox: Mailbox, charset: string, mode: "B" | "Q"): string {
  // A display name that the charset cannot hold falls back to UTF-8.
  return formatMailbox(mailbox, /[^\x00-\x7f]/.test(mailbox.name) && charset === "us-ascii" ? "utf-8" : charset, mode);
}

export function generateMessage(index: number, options: MailboxOptions): GeneratedMessage {
  const plan = planMessage(options, index);
  const rng = rngFor(options.seed, index, "mime");
  const content = buildContent(options, plan, rng);
  const subject = content.subjectOverride ?? messageSubject(options, plan);
  const from = content.fromOverride ?? plan.author;
  const { charset, headerMode } = content;
  const date = formatRfc5322Date(plan.date, plan.own ? 60 : plan.author.tzOffset);
  const received = formatRfc5322Date(plan.date, 0);
  const fromDomain = from.address.split("@")[1]!;
  const headers: string[] = [];
  if (!plan.own) {
    headers.push(`Return-Path: <${from.address}>`);
    headers.push(
      `Received: from mx.${fromDomain} (mx.${fromDomain} [192.0.2.${(index % 250) + 1}])\r\n\tby mail.mailroom.test with ESMTPS id ${index.toString(36).toUpperCase()}\r\n\tfor <${options.user.address}>; ${received}`,
    );
  }
  headers.push(`Message-ID: ${plan.messageId}`);
  headers.push(`Date: ${date}`);
  headers.push(`From: ${mailboxHeader(from, charset, headerMode)}`);
  headers.push(`To: ${formatAddressList(plan.to.map((p) => mailboxHeader(p, charset, headerMode)))}`);
  if (plan.cc.length > 0 && !content.fromOverride) {
    headers.push(`Cc: ${formatAddressList(plan.cc.map((p) => mailboxHeader(p, charset, headerMode)))}`);
  }
  headers.push(`Subject: ${formatUnstructured(subject, charset, headerMode)}`);
  if (plan.parent !== null) {
    const refs = ancestorIds(options, plan);
    headers.push(`In-Reply-To: ${refs[refs.length - 1]}`);
    headers.push(`References: ${foldAscii(refs.join(" "), 12)}`);
  }
  headers.push(...content.extraHeaders);
  if (plan.own) headers.push("User-Agent: Mailroom");
  else if (rng.chance(0.3)) headers.push(`X-Mailer: ${rng.pick(["Microsoft Outlook 16.0", "Apple Mail (2.3774)", "Thunderbird 128.3.0", "Roundcube Webmail/1.6.9"])}`);

  let flags = "S";
  if (!plan.own) {
    const state = rngFor(options.seed, index, "flags");
    const unread = state.chance(0.3);
    const flagged = state.chance(0.05);
    flags = `${flagged ? "F" : ""}${unread ? "" : "S"}`;
  }
  return {
    raw: serializeMessage(headers, content.root),
    flags,
    date: plan.date,
    folder: plan.own && options.sentReplies ? "sent" : "main",
    messageId: plan.messageId,
    subject,
  };
}

/** IMAP flags for APPEND, from the Maildir info flags of a generated message. */
export function imapFlags(message: Pick<GeneratedMessage, "flags">): string[] {
  const flags: string[] = [];
  if (message.flags.includes("S")) flags.push("\\Seen");
  if (message.flags.includes("F")) flags.push("\\Flagged");
  if (message.flags.includes("R")) flags.push("\\Answered");
  return flags;
}
