/** Checks run before sending, shown as a "Send anyway / Go back" dialog. Pure: used by the composer in the browser. */

import type { ComposeTranslator } from "./compose-translator";

// Words that say "I attached something", in English and a few other languages. Matched on whole words,
// outside quoted lines, so a quoted "see attached" in a reply does not trigger the warning.
const ATTACHMENT_WORDS = [
  "attach",
  "attached",
  "attaching",
  "attachment",
  "attachments",
  "enclosed",
  "enclosing",
  "anhang",
  "angehängt",
  "anbei",
  "beigefügt",
  "anlage",
  "pièce jointe",
  "pièces jointes",
  "ci-joint",
  "adjunto",
  "adjunta",
  "adjuntos",
  "archivo adjunto",
  "allegato",
  "allegati",
  "in allegato",
  "bijlage",
  "bijgevoegd",
  "anexo",
  "em anexo",
  "bilaga",
  "bifogad",
  "vedlegg",
  "vedhæftet",
];

const ATTACHMENT_PATTERN = new RegExp(`(^|[^\\p{L}])(${ATTACHMENT_WORDS.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})(?=$|[^\\p{L}])`, "iu");

/** Whether the text (quoted lines and the forwarded original excluded) says something is attached. */
export function mentionsAttachment(text: string): boolean {
  const ownText = text
    .split(/\r?\n/)
    .filter((line) => !line.trimStart().startsWith(">"))
    .join("\n")
    // The forward's heading in whichever language it was written ("---------- Weitergeleitete Nachricht ----------").
    .split(/^-{5,} [^\n]+ -{5,}$/m)[0];
  return ATTACHMENT_PATTERN.test(ownText ?? "");
}

/** Recipients whose domain is not one of the company's (subdomains count as the company's). */
export function externalRecipients(addresses: string[], companyDomains: string[]): string[] {
  const domains = companyDomains.map((domain) => domain.toLowerCase());
  return addresses.filter((address) => {
    const domain = address.slice(address.lastIndexOf("@") + 1).toLowerCase();
    return !domains.some((company) => domain === company || domain.endsWith(`.${company}`));
  });
}

export interface SendWarningInput {
  subject: string;
  /** The body as plain text, without the sender's signature. */
  body: string;
  attachmentCount: number;
  recipients: string[];
  companyDomains: string[];
  /** Why the From address's last deliverability check through the relay was red, if it was. */
  senderDeliverability?: string;
}

export interface SendQuestion {
  /** The dialog's title: what the writer is asked. */
  question: string;
  /** Why, in plain words. */
  reasons: string[];
}

/** What to ask before sending (in the reader's language), or null when the message can go without asking. */
export function sendWarnings(t: ComposeTranslator, input: SendWarningInput): SendQuestion | null {
  const noSubject = input.subject.trim() === "";
  const empty = input.body.trim() === "" && input.attachmentCount === 0;
  const reasons: string[] = [];
  if (noSubject) reasons.push(t("warnings.noSubject"));
  if (empty) reasons.push(t("warnings.empty"));
  if (input.attachmentCount === 0 && mentionsAttachment(`${input.subject}\n${input.body}`)) {
    reasons.push(t("warnings.attachmentMentioned"));
  }
  const outside = externalRecipients(input.recipients, input.companyDomains);
  if (outside.length > 0) {
    reasons.push(t("warnings.external", { count: outside.length, addresses: outside.join(", ") }));
  }
  if (input.senderDeliverability) {
    reasons.push(t("warnings.senderDeliverability", { reason: input.senderDeliverability }));
  }
  if (reasons.length === 0) return null;
  const question =
    reasons.length > 1 ? t("warnings.generalQuestion") : noSubject ? t("warnings.noSubjectQuestion") : empty ? t("warnings.emptyQuestion") : t("warnings.generalQuestion");
  return { question, reasons };
}
