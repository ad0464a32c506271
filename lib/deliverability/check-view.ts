/** The plain view data of the deliverability check, as Settings → Outgoing mail will render it. */
export type CheckStatus = "green" | "amber" | "red" | "unknown";

export interface DnsRecordSuggestion {
  /** Fully qualified, without the trailing dot. */
  name: string;
  type: "TXT" | "CNAME";
  /** The record's value; a placeholder in angle brackets when only the provider knows it. */
  value: string;
  /** The record as a zone-file line, ready to paste: `example.com. TXT "v=spf1 include:mailgun.org ~all"`. */
  zoneLine: string;
}

export interface DeliverabilityCheck {
  id: "spf" | "dkim" | "dmarc" | "mx" | "reverse-dns";
  title: string;
  status: CheckStatus;
  /** One or two plain sentences. */
  explanation: string;
  /** Facts behind it (the record found, lookups used), one per line. */
  details: string[];
  /** What to publish when it won't pass. */
  fix?: { records: DnsRecordSuggestion[]; note?: string };
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
