"use client";

import { useLocale, useTranslations } from "next-intl";
import { useId } from "react";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button-class";
import { Field, INPUT_CLASS } from "@/components/ui/field";
import { LocalDateTime } from "@/components/message-view/local-date-time";
import { wordDeliverability, type CheckStatus, type DeliverabilityCheck, type DeliverabilityWords } from "@/lib/deliverability/check-view";
import type { IdentityDeliverability } from "@/lib/outgoing/deliverability";
import { DeliverabilityMark } from "./deliverability-mark";

interface Props {
  identities: IdentityDeliverability[];
  identityCount: number;
  dkimSelectors: string;
  onDkimSelectorsChange: (value: string) => void;
  dkimHint: string;
  selectorErrors?: string[];
  checking: boolean;
  disabled: boolean;
  error: string | null;
  onCheck: () => void;
}

/**
 * Settings → Outgoing mail, "Deliverability": for each identity, whether mail sent through the
 * chosen relay will pass SPF, DKIM and DMARC, with MX and reverse DNS, each with a mark that says in
 * words what its colour means, and the DNS records to add where something won't pass.
 */
export function DeliverabilityPanel(props: Props) {
  const t = useTranslations("settings.deliverability");
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="space-y-4 rounded-xl border border-slate-200 bg-white p-5">
      <div>
        <h2 id={headingId} className="text-sm font-semibold text-slate-900">
          {t("title")}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
      </div>
      <Field label={t("dkimSelectors")} hint={t("dkimSelectorsHint", { note: props.dkimHint })} errors={props.selectorErrors}>
        {(control) => (
          <input
            {...control}
            type="text"
            autoComplete="off"
            spellCheck={false}
            value={props.dkimSelectors}
            onChange={(event) => props.onDkimSelectorsChange(event.target.value)}
            className={INPUT_CLASS}
          />
        )}
      </Field>
      <button type="button" disabled={props.disabled} onClick={props.onCheck} className={buttonClass("secondary")}>
        {props.checking ? t("checking") : t("check")}
      </button>
      {props.error ? <Alert tone="error">{props.error}</Alert> : null}
      {props.identities.length === 0 ? (
        <p className="text-sm text-slate-600">{props.checking ? t("lookingUp") : t("notChecked")}</p>
      ) : (
        <ul aria-label={t("byAddress")} aria-busy={props.checking} className="space-y-4">
          {props.identities.map((identity) => (
            <IdentityResult key={identity.fromAddress} identity={identity} />
          ))}
        </ul>
      )}
      {props.identityCount > props.identities.length && props.identities.length > 0 ? (
        <p className="text-xs text-slate-600">{t("onlyFirst", { count: props.identities.length })}</p>
      ) : null}
    </section>
  );
}

/** Words the check's results (keys of the deliverability catalogue with their values) in the page's language. */
function useDeliverabilityWords(): (text: DeliverabilityWords) => string {
  const t = useTranslations("deliverability");
  const locale = useLocale();
  return (text) => wordDeliverability(t, locale, text);
}

function IdentityResult({ identity }: { identity: IdentityDeliverability }) {
  const t = useTranslations("settings.deliverability");
  const word = useDeliverabilityWords();
  const headingId = useId();
  const { result } = identity;
  return (
    <li aria-labelledby={headingId} className="rounded-lg border border-slate-200 p-4">
      <h3 id={headingId} className="text-sm font-semibold break-all text-slate-900">
        {identity.fromAddress}
      </h3>
      {result.ok ? (
        <>
          <p className="mt-1 flex items-start gap-2 text-sm">
            <DeliverabilityMark status={result.report.summary.status} />
            <span>{word(result.report.summary.text)}</span>
          </p>
          <ul aria-label={t("checksFor", { address: identity.fromAddress })} className="mt-3 space-y-3">
            {result.report.checks.map((check) => (
              <CheckResult key={check.id} check={check} />
            ))}
          </ul>
          <p className="mt-3 text-xs text-slate-600">{t.rich("checkedAt", { when: () => <LocalDateTime iso={identity.checkedAt} /> })}</p>
        </>
      ) : (
        <p className="mt-1 text-sm text-red-800">{word(result.error)}</p>
      )}
    </li>
  );
}

function CheckResult({ check }: { check: DeliverabilityCheck }) {
  const t = useTranslations("settings.deliverability");
  const word = useDeliverabilityWords();
  const headingId = useId();
  return (
    <li aria-labelledby={headingId} className="border-t border-slate-100 pt-3 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <h4 id={headingId} className="font-medium text-slate-900">
          {word({ key: `title.${check.id}` })}
        </h4>
        <DeliverabilityMark status={check.status} />
      </div>
      <p className="mt-1 text-slate-700">{word(check.explanation)}</p>
      {check.details.length > 0 ? (
        <details className="mt-1 text-xs text-slate-600">
          <summary className="cursor-pointer">{t("found")}</summary>
          <ul className="mt-1 list-disc space-y-0.5 pl-5 break-all">
            {check.details.map(word).map((detail) => (
              <li key={detail}>{detail}</li>
            ))}
          </ul>
        </details>
      ) : null}
      {check.fix && needsFix(check.status) ? (
        <div className="mt-2">
          {check.fix.records.length > 0 ? <p className="text-slate-700">{t("addRecords", { count: check.fix.records.length })}</p> : null}
          {check.fix.records.map((record) => (
            <pre
              key={record.zoneLine}
              aria-label={t("record", { type: record.type, name: record.name })}
              className="mt-1 overflow-x-auto rounded-md bg-slate-900 p-2 font-mono text-xs whitespace-pre-wrap text-slate-50 select-all"
            >
              {record.zoneLine}
            </pre>
          ))}
          {check.fix.note ? <p className="mt-1 text-xs text-slate-600">{word(check.fix.note)}</p> : null}
        </div>
      ) : null}
    </li>
  );
}

function needsFix(status: CheckStatus): boolean {
  return status === "red" || status === "amber";
}
