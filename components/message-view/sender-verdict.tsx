import type { SenderWarning } from "@/lib/mail/message/sender-warnings";
import type { SenderVerdictView } from "@/lib/reads/sender-verdict";

/**
 * A visible warning above a message whose sender may not be who they claim: the company server's
 * checks failed, the display name shows another address, or the domain imitates a correspondent's.
 * Nothing is shown when all is well.
 */
export function SenderVerdict({ verdict, from }: { verdict: SenderVerdictView; from: string }) {
  if (!verdict.failed && verdict.warnings.length === 0) return null;
  const dmarc = verdict.authentication?.find((row) => row.method === "DMARC");
  return (
    <div role="alert" className="mt-3 rounded-lg border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900">
      <p className="font-semibold">Be careful: this message may not be from {from}.</p>
      <ul className="mt-1 list-disc space-y-0.5 pl-5">
        {verdict.failed ? (
          <li>
            Your mail server&apos;s sender checks failed
            {dmarc ? ` (DMARC ${dmarc.result}${dmarc.domain ? ` for ${dmarc.domain}` : ""})` : ""}: the message was not sent by the domain it names.
          </li>
        ) : null}
        {verdict.warnings.map((warning) => (
          <li key={warning.kind}>{warningText(warning)}</li>
        ))}
      </ul>
    </div>
  );
}

function warningText(warning: SenderWarning): string {
  if (warning.kind === "display-name-address") {
    return `The sender's name shows ${warning.shownAddress}, but the message is really from ${warning.realAddress}.`;
  }
  const how = warning.reason === "confusable-characters" ? "uses look-alike characters" : "differs by one character";
  const punycode = warning.displayDomain !== warning.domain ? ` (written ${warning.domain})` : "";
  return `The sender's domain ${warning.displayDomain}${punycode} looks like ${warning.resembles}, someone you correspond with, but ${how}.`;
}
