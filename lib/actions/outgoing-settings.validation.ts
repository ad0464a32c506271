import net from "node:net";
import { z } from "zod";
import { CONNECTION_SECURITIES } from "@/lib/mail/connection-security";
import { isHostName } from "@/lib/mail/smtp/guard";

export const PASSWORD_MAX = 1024;
export const USERNAME_MAX = 320;

/** A relay host: a DNS name or an IP address (IPv6 with or without brackets). */
export const relayHost = z
  .string()
  .trim()
  .min(1, "validation.hostMissing")
  .max(253, "validation.hostTooLong")
  .transform((value) => value.replace(/^\[(.*)\]$/, "$1").toLowerCase())
  .refine((value) => net.isIP(value) !== 0 || isHostName(value), "validation.hostInvalid");

const relayPort = z.coerce.number({ error: "validation.portInvalid" }).int("validation.portInvalid").min(1, "validation.portInvalid").max(65535, "validation.portInvalid");

/**
 * The outgoing mail form. With the company relay chosen only that choice and "Save a copy in Sent"
 * are saved; the own-server fields are checked only when they are used. An empty password keeps
 * the saved one; `removePassword` removes it.
 */
export function outgoingSettingsSchema(allowInsecure: boolean) {
  const security = z.enum(CONNECTION_SECURITIES, { error: "validation.securityMissing" }).refine((value) => allowInsecure || value !== "none", "validation.securityInsecure");
  const ownServer = z.object({
    host: relayHost,
    port: relayPort,
    security,
    username: z.string().trim().max(USERNAME_MAX, "validation.usernameTooLong"),
    password: z.string().max(PASSWORD_MAX, "validation.passwordTooLong"),
    removePassword: z.boolean().default(false),
  });
  return z.discriminatedUnion("useCompanyRelay", [
    z.object({ useCompanyRelay: z.literal(true), saveSentCopy: z.boolean() }),
    ownServer.extend({ useCompanyRelay: z.literal(false), saveSentCopy: z.boolean() }),
  ]);
}

export type OutgoingSettingsInput = z.input<ReturnType<typeof outgoingSettingsSchema>>;
export type OutgoingSettings = z.output<ReturnType<typeof outgoingSettingsSchema>>;
