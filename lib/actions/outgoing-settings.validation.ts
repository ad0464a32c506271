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
  .min(1, "Enter the SMTP server's name, e.g. smtp.example.com.")
  .max(253, "A server name has at most 253 characters.")
  .transform((value) => value.replace(/^\[(.*)\]$/, "$1").toLowerCase())
  .refine((value) => net.isIP(value) !== 0 || isHostName(value), "Enter a server name like smtp.example.com (letters, digits, hyphens and dots).");

const relayPort = z.coerce
  .number({ error: "Enter a port number from 1 to 65535." })
  .int("Enter a port number from 1 to 65535.")
  .min(1, "Enter a port number from 1 to 65535.")
  .max(65535, "Enter a port number from 1 to 65535.");

/**
 * The outgoing mail form. With the company relay chosen only that choice and "Save a copy in Sent"
 * are saved; the own-server fields are checked only when they are used. An empty password keeps
 * the saved one; `removePassword` removes it.
 */
export function outgoingSettingsSchema(allowInsecure: boolean) {
  const security = z
    .enum(CONNECTION_SECURITIES, { error: "Choose implicit TLS or STARTTLS." })
    .refine((value) => allowInsecure || value !== "none", "Choose implicit TLS or STARTTLS: your administrator does not allow unencrypted connections.");
  const ownServer = z.object({
    host: relayHost,
    port: relayPort,
    security,
    username: z.string().trim().max(USERNAME_MAX, `A username has at most ${USERNAME_MAX} characters.`),
    password: z.string().max(PASSWORD_MAX, `A password has at most ${PASSWORD_MAX} characters.`),
    removePassword: z.boolean().default(false),
  });
  return z.discriminatedUnion("useCompanyRelay", [
    z.object({ useCompanyRelay: z.literal(true), saveSentCopy: z.boolean() }),
    ownServer.extend({ useCompanyRelay: z.literal(false), saveSentCopy: z.boolean() }),
  ]);
}

export type OutgoingSettingsInput = z.input<ReturnType<typeof outgoingSettingsSchema>>;
export type OutgoingSettings = z.output<ReturnType<typeof outgoingSettingsSchema>>;
