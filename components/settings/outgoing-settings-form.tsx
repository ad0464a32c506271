"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { runAction } from "@/components/run-action";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button-class";
import { Field, INPUT_CLASS } from "@/components/ui/field";
import { checkDeliverabilityAction } from "@/lib/actions/deliverability";
import type { DeliverabilityCheckInput } from "@/lib/actions/deliverability.validation";
import { saveOutgoingSettingsAction, testOutgoingConnectionAction } from "@/lib/actions/outgoing-settings";
import type { OutgoingSettingsInput } from "@/lib/actions/outgoing-settings.validation";
import type { ConnectionSecurity as Security } from "@/lib/mail/connection-security";
import type { OutgoingSettingsView } from "@/lib/reads/outgoing-settings";
import { DeliverabilityPanel } from "./deliverability-panel";

export interface OutgoingSettingsValues {
  useCompanyRelay: boolean;
  host: string;
  port: string;
  security: Security;
  username: string;
  saveSentCopy: boolean;
  passwordSaved: boolean;
  /** The relay service picked (a preset id), or "other". */
  relayPreset: string;
}

const OTHER = "other";

const PORT_PRESETS: { port: string; security: Security }[] = [
  { port: "465", security: "tls" },
  { port: "587", security: "starttls" },
  { port: "25", security: "starttls" },
  { port: "2525", security: "starttls" },
];

type Notice = { tone: "success" | "error"; text: string } | null;

export function OutgoingSettingsForm({ initial, allowInsecure, companyRelay, presets, deliverability }: OutgoingSettingsView) {
  const t = useTranslations("settings.outgoing.form");
  const [values, setValues] = useState<OutgoingSettingsValues>(initial);
  // The typed password lives only here (and in the request that saves it); the server never sends one back.
  const [password, setPassword] = useState("");
  const [removePassword, setRemovePassword] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [notice, setNotice] = useState<Notice>(null);
  const [testing, startTest] = useTransition();
  const [saving, startSave] = useTransition();
  const [checking, startCheck] = useTransition();
  const [dkimSelectors, setDkimSelectors] = useState(deliverability.dkimSelectors);
  const [checked, setChecked] = useState(deliverability.identities);
  const [checkError, setCheckError] = useState<string | null>(null);
  const busy = testing || saving;
  const preset = values.useCompanyRelay ? undefined : presets.find((candidate) => candidate.id === values.relayPreset && candidate.id !== OTHER);
  const otherPreset = presets.find((candidate) => candidate.id === OTHER);

  const update = <K extends keyof OutgoingSettingsValues>(key: K, value: OutgoingSettingsValues[K]) => setValues((current) => ({ ...current, [key]: value }));

  // A service fills in its server; typing another host makes it "Other", typing a service's host picks it.
  const choosePreset = (id: string) => {
    const chosen = presets.find((candidate) => candidate.id === id);
    setValues((current) =>
      chosen && chosen.id !== OTHER ? { ...current, relayPreset: id, host: chosen.host, port: chosen.port, security: chosen.security } : { ...current, relayPreset: OTHER },
    );
  };

  const changeHost = (host: string) => {
    const known = presets.find((candidate) => candidate.id !== OTHER && candidate.host === host.trim().toLowerCase());
    setValues((current) => ({ ...current, host, relayPreset: known ? known.id : OTHER }));
  };

  const checkDeliverability = (force: boolean) =>
    startCheck(async () => {
      setCheckError(null);
      const request: DeliverabilityCheckInput = values.useCompanyRelay
        ? { useCompanyRelay: true, dkimSelectors, force }
        : { useCompanyRelay: false, host: values.host, dkimSelectors, force };
      const result = await runAction(() => checkDeliverabilityAction(request));
      if (!result.ok) {
        setFieldErrors(result.fieldErrors ?? {});
        setCheckError(result.error);
        return;
      }
      setChecked(result.data.identities);
    });

  const changePort = (port: string) => {
    const preset = PORT_PRESETS.find((candidate) => candidate.port === port.trim());
    setValues((current) => ({ ...current, port, security: preset ? preset.security : current.security }));
  };

  const input = (): OutgoingSettingsInput =>
    values.useCompanyRelay
      ? { useCompanyRelay: true, saveSentCopy: values.saveSentCopy }
      : {
          useCompanyRelay: false,
          saveSentCopy: values.saveSentCopy,
          host: values.host,
          port: values.port,
          security: values.security,
          username: values.username,
          password,
          removePassword,
        };

  const testConnection = () =>
    startTest(async () => {
      setNotice(null);
      const result = await runAction(() => testOutgoingConnectionAction(input()));
      setFieldErrors(result.ok ? {} : (result.fieldErrors ?? {}));
      setNotice(result.ok ? { tone: "success", text: result.data.message } : { tone: "error", text: result.error });
    });

  const save = () =>
    startSave(async () => {
      setNotice(null);
      const result = await runAction(() => saveOutgoingSettingsAction(input()));
      if (!result.ok) {
        setFieldErrors(result.fieldErrors ?? {});
        setNotice({ tone: "error", text: result.error });
        return;
      }
      setFieldErrors({});
      setPassword("");
      setRemovePassword(false);
      update("passwordSaved", result.data.passwordSaved);
      setNotice({ tone: "success", text: t("saved") });
      checkDeliverability(false);
    });

  return (
    <form
      noValidate
      className="mt-6 space-y-6"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <fieldset className="space-y-2 rounded-xl border border-slate-200 bg-white p-5">
        <legend className="px-1 text-sm font-semibold text-slate-900">{t("server")}</legend>
        <label className="flex items-start gap-2 text-sm">
          <input type="radio" name="relay-choice" className="mt-1" checked={values.useCompanyRelay} onChange={() => update("useCompanyRelay", true)} />
          <span>
            {t("companyRelay")}
            <span className="block text-slate-600">{t("companyRelayHint", { relay: companyRelay })}</span>
          </span>
        </label>
        <label className="flex items-start gap-2 text-sm">
          <input type="radio" name="relay-choice" className="mt-1" checked={!values.useCompanyRelay} onChange={() => update("useCompanyRelay", false)} />
          <span>{t("ownRelay")}</span>
        </label>
      </fieldset>

      {values.useCompanyRelay ? null : (
        <fieldset className="space-y-4 rounded-xl border border-slate-200 bg-white p-5">
          <legend className="px-1 text-sm font-semibold text-slate-900">{t("yourRelay")}</legend>
          <Field label={t("relayService")} hint={t("relayServiceHint")}>
            {(props) => (
              <select {...props} value={values.relayPreset} onChange={(event) => choosePreset(event.target.value)} className={INPUT_CLASS}>
                {presets.map((option) => (
                  <option key={option.id} value={option.id}>
                    {option.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t("host")} errors={fieldErrors.host} hint={t("hostHint")}>
            {(props) => (
              <input
                {...props}
                type="text"
                autoComplete="off"
                spellCheck={false}
                value={values.host}
                onChange={(event) => changeHost(event.target.value)}
                className={INPUT_CLASS}
              />
            )}
          </Field>

          <div className="grid gap-4 sm:grid-cols-2">
            <Field label={t("port")} errors={fieldErrors.port}>
              {(props) => <input {...props} type="text" inputMode="numeric" value={values.port} onChange={(event) => changePort(event.target.value)} className={INPUT_CLASS} />}
            </Field>
            <Field label={t("security")} errors={fieldErrors.security}>
              {(props) => (
                <select {...props} value={values.security} onChange={(event) => update("security", event.target.value as Security)} className={INPUT_CLASS}>
                  <option value="tls">{t("implicitTls")}</option>
                  <option value="starttls">STARTTLS</option>
                  {allowInsecure || values.security === "none" ? <option value="none">{t("unencrypted")}</option> : null}
                </select>
              )}
            </Field>
          </div>
          <div role="group" aria-label={t("presets")} className="flex flex-wrap items-center gap-2 text-sm">
            <span className="text-slate-600">{t("presetsLead")}</span>
            {PORT_PRESETS.map((preset) => (
              <button
                key={preset.port}
                type="button"
                aria-pressed={values.port === preset.port && values.security === preset.security}
                onClick={() => setValues((current) => ({ ...current, port: preset.port, security: preset.security }))}
                className="rounded-md border border-slate-300 px-2 py-1 hover:bg-slate-100 aria-pressed:border-sky-700 aria-pressed:bg-sky-50"
              >
                {preset.security === "tls" ? t("portImplicitTls", { port: preset.port }) : t("portStarttls", { port: preset.port })}
              </button>
            ))}
          </div>

          <Field label={t("username")} errors={fieldErrors.username} hint={preset ? preset.usernameHint : t("usernameHint")}>
            {(props) => (
              <input
                {...props}
                type="text"
                autoComplete="off"
                spellCheck={false}
                value={values.username}
                onChange={(event) => update("username", event.target.value)}
                className={INPUT_CLASS}
              />
            )}
          </Field>
          <Field label={t("password")} errors={fieldErrors.password} hint={values.passwordSaved && !removePassword ? t("passwordSavedHint") : undefined}>
            {(props) => (
              <input {...props} type="password" autoComplete="new-password" value={password} onChange={(event) => setPassword(event.target.value)} className={INPUT_CLASS} />
            )}
          </Field>
          {values.passwordSaved ? (
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={removePassword} onChange={(event) => setRemovePassword(event.target.checked)} />
              {t("removePassword")}
            </label>
          ) : null}
        </fieldset>
      )}

      <label className="flex items-start gap-2 rounded-xl border border-slate-200 bg-white p-5 text-sm">
        <input type="checkbox" className="mt-1" checked={values.saveSentCopy} onChange={(event) => update("saveSentCopy", event.target.checked)} />
        <span>
          {t("saveSentCopy")}
          <span className="block text-slate-600">{t("saveSentCopyHint")}</span>
        </span>
      </label>

      {notice ? <Alert tone={notice.tone}>{notice.text}</Alert> : null}

      <div className="flex gap-3">
        <button type="button" disabled={busy} onClick={testConnection} className={buttonClass("secondary")}>
          {testing ? t("testing") : t("test")}
        </button>
        <button type="submit" disabled={busy} className={buttonClass("primary")}>
          {saving ? t("saving") : t("save")}
        </button>
      </div>

      <DeliverabilityPanel
        identities={checked}
        identityCount={deliverability.identityCount}
        dkimSelectors={dkimSelectors}
        onDkimSelectorsChange={setDkimSelectors}
        dkimHint={(preset ?? otherPreset)?.dkimNote ?? ""}
        selectorErrors={fieldErrors.dkimSelectors}
        checking={checking}
        disabled={checking || busy}
        error={checkError}
        onCheck={() => checkDeliverability(true)}
      />
    </form>
  );
}
