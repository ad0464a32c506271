// Server-only (the server-only package is not installed).
import type { CurrentSession } from "@/lib/auth/current-session";
import { database } from "@/lib/db/database";
import { findSmtpRelay } from "@/lib/db/smtp-relays";
import { env } from "@/lib/env";
import type { ConnectionSecurity } from "@/lib/mail/connection-security";
import { insecureRelaysAllowed } from "@/lib/outgoing/relay-policy";

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
  };
}

/** Settings → Outgoing mail: the saved relay as the form shows it. */
export async function readOutgoingSettings(session: CurrentSession): Promise<OutgoingSettingsView> {
  const row = await findSmtpRelay(await database(), session.userId);
  const { smtp } = env();
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
    },
  };
}
