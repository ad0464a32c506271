import { readAuthenticationResults, type AuthenticationResultValue } from "@/lib/mail/message/authentication-results";
import type { HeaderField, Mailbox } from "@/lib/mail/message/parse";
import { senderWarnings, type SenderWarning } from "@/lib/mail/message/sender-warnings";

/** One of the company server's verdicts on a received message. */
export interface AuthenticationRow {
  method: "SPF" | "DKIM" | "DMARC";
  result: AuthenticationResultValue;
  /** The domain the verdict is about (smtp.mailfrom, header.d, header.from). */
  domain?: string;
}

/** Who really sent a message, as the message view shows it. */
export interface SenderVerdictView {
  /** The company server's SPF, DKIM and DMARC verdicts; null when it added none (other servers' are never read). */
  authentication: AuthenticationRow[] | null;
  /** The server's verdicts say the message is not from the domain it claims. */
  failed: boolean;
  warnings: SenderWarning[];
}

export interface SenderContext {
  /** MAILROOM_AUTHSERV_ID; without it no Authentication-Results header is trusted. */
  authservId: string | undefined;
  /** Domains of the reader's frequent correspondents and their own. */
  knownDomains: readonly string[];
}

const FAILING: ReadonlySet<AuthenticationResultValue> = new Set(["fail", "softfail", "permerror"]);

/**
 * The verdict of the company server's own Authentication-Results (anyone else's are forged as
 * easily as the From line), and warnings about the From line itself: a display name showing
 * another address, a domain that imitates a correspondent's.
 */
export function senderVerdict(message: { headers: HeaderField[]; from: Mailbox | null }, context: SenderContext): SenderVerdictView {
  const values = message.headers.filter((header) => header.name.toLowerCase() === "authentication-results").map((header) => header.value);
  const results = context.authservId ? readAuthenticationResults(values, context.authservId) : undefined;
  const rows: AuthenticationRow[] = [];
  for (const [method, label] of [
    ["spf", "SPF"],
    ["dkim", "DKIM"],
    ["dmarc", "DMARC"],
  ] as const) {
    const found = results?.[method];
    if (found) rows.push({ method: label, result: found.result, domain: found.domain });
  }
  const dmarc = results?.dmarc?.result;
  const passes = [results?.spf?.result, results?.dkim?.result].includes("pass");
  const failed = dmarc !== undefined ? dmarc === "fail" : !passes && rows.some((row) => FAILING.has(row.result));

  const from = message.from;
  let warnings: SenderWarning[] = [];
  if (from?.address) {
    const ownDomain = from.address.slice(from.address.lastIndexOf("@") + 1).toLowerCase();
    // The sender's own domain may be among the contacts (every opened message records its sender):
    // it must not vouch for itself.
    warnings = senderWarnings(
      { name: from.name, address: from.address },
      context.knownDomains.filter((domain) => domain !== ownDomain),
    );
  }
  return { authentication: rows.length > 0 ? rows : null, failed, warnings };
}
