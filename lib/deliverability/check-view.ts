/** The plain view data of the deliverability check, as Settings → Outgoing mail will render it. */
export type CheckStatus = "green" | "amber" | "red" | "unknown";

/**
 * What to tell the reader, as a key of the "deliverability" catalogue with its values: the check
 * has no text of its own, so a result can be cached and shown in any language. Names, records and
 * DNS answers are values, never translated; a value may itself be words (worded first) or a list of
 * them (joined as the language joins a list).
 */
export interface DeliverabilityWords {
  key: string;
  values?: Record<string, WordValue>;
}

export type WordValue = string | number | DeliverabilityWords | DeliverabilityWords[];

export function words(key: string, values?: Record<string, WordValue>): DeliverabilityWords {
  return values === undefined ? { key } : { key, values };
}

/** Words the check's result with a translator of the deliverability namespace (next-intl's t, or the catalogue translator). */
export function wordDeliverability(t: (key: string, values?: Record<string, string | number>) => string, locale: string, text: DeliverabilityWords): string {
  const list = new Intl.ListFormat(locale, { type: "conjunction" });
  const word = (value: WordValue): string | number => {
    if (typeof value === "string" || typeof value === "number") return value;
    if (Array.isArray(value)) return list.format(value.map((item) => String(word(item))));
    const values = value.values ? Object.fromEntries(Object.entries(value.values).map(([name, inner]) => [name, word(inner)])) : undefined;
    return t(value.key, values);
  };
  return String(word(text));
}

export interface DnsRecordSuggestion {
  /** Fully qualified, without the trailing dot. */
  name: string;
  type: "TXT" | "CNAME";
  /** The record's value; a placeholder in angle brackets when only the provider knows it. */
  value: string;
  /** The record as a zone-file line, ready to paste: `example.com. TXT "v=spf1 include:mailgun.org ~all"`. */
  zoneLine: string;
}

export type DeliverabilityCheckId = "spf" | "dkim" | "dmarc" | "mx" | "reverse-dns";

/** A check's title, for a list of checks in a sentence. */
export function checkTitle(id: DeliverabilityCheckId): DeliverabilityWords {
  return words(`title.${id}`);
}

export interface DeliverabilityCheck {
  /** Its title is title.<id> of the catalogue. */
  id: DeliverabilityCheckId;
  status: CheckStatus;
  /** One or two plain sentences. */
  explanation: DeliverabilityWords;
  /** Facts behind it (the record found, lookups used), one per line. */
  details: DeliverabilityWords[];
  /** What to publish when it won't pass. */
  fix?: { records: DnsRecordSuggestion[]; note?: DeliverabilityWords };
}

const TXT_STRING_LENGTH = 255;

/** A TXT record as a zone-file line, split into strings of 255 characters as DNS requires. */
export function txtRecordSuggestion(name: string, value: string): DnsRecordSuggestion {
  const strings: string[] = [];
  for (let start = 0; start < value.length || strings.length === 0; start += TXT_STRING_LENGTH) {
    strings.push(`"${value.slice(start, start + TXT_STRING_LENGTH).replace(/[\\"]/g, (character) => `\\${character}`)}"`);
  }
  return { name, type: "TXT", value, zoneLine: `${name}. TXT ${strings.join(" ")}` };
}

export function cnameRecordSuggestion(name: string, target: string): DnsRecordSuggestion {
  const written = target.startsWith("<") ? target : `${target}.`;
  return { name, type: "CNAME", value: target, zoneLine: `${name}. CNAME ${written}` };
}
