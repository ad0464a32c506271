import { requireSession } from "@/lib/auth/current-session";
import { database } from "@/lib/db/database";
import { findSmtpRelay } from "@/lib/db/smtp-relays";
import { env } from "@/lib/env";
import { OutgoingSettingsForm } from "./outgoing-settings-form";

/** Loads the saved relay settings; only whether a password is saved reaches the browser, never the password. */
export async function OutgoingSettingsSection() {
  const session = await requireSession();
  const row = await findSmtpRelay(await database(), session.userId);
  const { smtp, smtpAllowInsecure } = env();
  return (
    <OutgoingSettingsForm
      companyRelay={`${smtp.host}:${smtp.port}`}
      allowInsecure={smtpAllowInsecure}
      initial={{
        useCompanyRelay: row?.useCompanyRelay ?? true,
        host: row?.host ?? "",
        port: row?.port ? String(row.port) : "587",
        security: row?.security ?? "starttls",
        username: row?.username ?? "",
        saveSentCopy: row?.saveSentCopy ?? true,
        passwordSaved: Boolean(row?.sealedPassword),
      }}
    />
  );
}
