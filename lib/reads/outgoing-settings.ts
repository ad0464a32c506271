// Server-only (the server-only package is not installed).
import { getTranslations } from "next-intl/server";
import type { CurrentSession } from "@/lib/auth/current-session";
import { database } from "@/lib/db/database";
import { listIdentities } from "@/lib/db/identities";
import { findSmtpRelay } from "@/lib/db/smtp-relays";
import { listRelayPresets, OTHER_RELAY_PRESET_ID } from "@/lib/deliverability/relay-presets";
import { env } from "@/lib/env";
import type { ConnectionSecurity } from "@/lib/mail/connection-security";
import { cachedDeliverability, savedDeliverabilityRelay, type IdentityDeliverability } from "@/lib/outgoing/deliverability";
import { insecureRelaysAllowed } from "@/lib/outgoing/relay-policy";

/** A relay service the form can fill in (lib/deliverability/relay-presets.json). */
export interface RelayPresetOption {
  id: string;
  label: string;
  host: string;
  port: string;
  security: "tls" | "starttls";
  usernameHint: string;
  /** How the service's DKIM selectors are found, for the selector field's hint. */
  dkimNote: string;
}

export interface OutgoingSettingsView {
  /** host:port of the company's relay. */
  companyRelay: string;
  allowInsecure: boolean;
  initial: {
    useCompanyRelay: boolean;
    host: string;
    port: string;
    security: ConnectionSecurity;
    username: string;
    saveSentCopy: boolean;
    /** Only whether a password is saved reaches the browser, never the password. */
    passwordSaved: boolean;
    /** The preset whose host is saved, or "other". */
    relayPreset: string;
  };
  presets: RelayPresetOption[];
  /** The last deliverability check of the saved relay, per identity, if one was run lately. */
  deliverability: { identities: IdentityDeliverability[]; dkimSelectors: string; identityCount: number };
}

/** Settings → Outgoing mail: the saved relay as the form shows it. */
export async function readOutgoingSettings(session: CurrentSession): Promise<OutgoingSettingsView> {
  const db = await database();
  const [row, identities] = await Promise.all([findSmtpRelay(db, session.userId), listIdentities(db, session.userId, session.email)]);
  const { smtp } = env();
  const t = await getTranslations("deliverability");
  const relay = savedDeliverabilityRelay(row);
  const cached = cachedDeliverability(
    session.userId,
    relay,
    identities.map((identity) => identity.email),
  );
  return {
    companyRelay: `${smtp.host}:${smtp.port}`,
    allowInsecure: insecureRelaysAllowed(),
    initial: {
      useCompanyRelay: row?.useCompanyRelay ?? true,
      host: row?.host ?? "",
      port: row?.port ? String(row.port) : "587",
      security: row?.security ?? "starttls",
      username: row?.username ?? "",
      saveSentCopy: row?.saveSentCopy ?? true,
      passwordSaved: Boolean(row?.sealedPassword),
      relayPreset: relay.presetId ?? OTHER_RELAY_PRESET_ID,
    },
    presets: listRelayPresets().map((preset) => ({
      id: preset.id,
      label: preset.label,
      host: preset.host,
      port: String(preset.port),
      security: preset.security,
      usernameHint: t(`presets.${preset.hints}.username`),
      dkimNote: t(`presets.${preset.hints}.dkim`),
    })),
    deliverability: {
      identities: cached.identities,
      dkimSelectors: cached.selectors.join(" "),
      identityCount: identities.length,
    },
  };
}
