import { useTranslations } from "next-intl";
import type { SenderWarning } from "@/lib/mail/message/sender-warnings";
import type { SenderVerdictView } from "@/lib/reads/sender-verdict";

/**
 * A visible warning above a message whose sender may not be who they claim: the company server's
 * checks failed, the display name shows another address, or the domain imitates a correspondent's.
 * Nothing is shown when all is well.
 */
export function SenderVerdict({ verdict, from }: { verdict: SenderVerdictView; from: string | null }) {
  const t = useTranslations("messageView.verdict");
  if (!verdict.failed && verdict.warnings.length === 0) return null;
  const dmarc = verdict.authentication?.find((row) => row.method === "DMARC");
  return (
    <div role="alert" className="mt-3 rounded-lg border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900">
      <p className="font-semibold">{from ? t("careful", { from }) : t("carefulUnknown")}</p>
      <ul className="mt-1 list-disc space-y-0.5 pl-5">
        {verdict.failed ? (
          <li>
            {dmarc?.domain
              ? t("checksFailedDmarcFor", { result: dmarc.result, domain: dmarc.domain })
              : dmarc
                ? t("checksFailedDmarc", { result: dmarc.result })
                : t("checksFailed")}
          </li>
        ) : null}
        {verdict.warnings.map((warning) => (
          <li key={warning.kind}>{warningText(warning, t)}</li>
        ))}
      </ul>
    </div>
  );
}

function warningText(warning: SenderWarning, t: ReturnType<typeof useTranslations<"messageView.verdict">>): string {
  if (warning.kind === "display-name-address") return t("displayName", { shown: warning.shownAddress, real: warning.realAddress });
  const domain = warning.displayDomain !== warning.domain ? t("written", { shown: warning.displayDomain, domain: warning.domain }) : warning.displayDomain;
  return t("lookalike", { domain, resembles: warning.resembles, how: warning.reason === "confusable-characters" ? "confusable" : "other" });
}
