import { z } from "zod";

export const SIGNATURE_MAX = 20_000;

const address = z.string().trim().toLowerCase().max(320, "An address has at most 320 characters.").pipe(z.email("Enter an email address like name@example.com."));

const identityFields = {
  displayName: z.string().trim().max(200, "A display name has at most 200 characters."),
  signatureHtml: z.string().max(SIGNATURE_MAX, "The signature is too long."),
  replyTo: z
    .string()
    .trim()
    .toLowerCase()
    .max(320, "An address has at most 320 characters.")
    .pipe(z.union([z.literal(""), z.email("Enter a Reply-To address like name@example.com, or leave it empty.")])),
};

export const newIdentitySchema = z.object({ email: address, ...identityFields });
export const identityUpdateSchema = z.object({ id: z.uuid("Unknown identity."), ...identityFields });
export const identityIdSchema = z.object({ id: z.uuid("Unknown identity.") });
export const identityCodeSchema = z.object({
  id: z.uuid("Unknown identity."),
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, "Enter the six-digit code from the message."),
});

export type NewIdentityInput = z.input<typeof newIdentitySchema>;
export type IdentityUpdateInput = z.input<typeof identityUpdateSchema>;

/**
 * The administrator's rule for From addresses: addresses in MAILROOM_IDENTITY_DOMAINS, or, when
 * that is empty, in the sign-in address's own domain. The sign-in address itself is always allowed.
 */
export function identityDomainsFor(signInEmail: string, identityDomains: readonly string[]): string[] {
  if (identityDomains.length > 0) return [...identityDomains];
  return [signInEmail.slice(signInEmail.lastIndexOf("@") + 1).toLowerCase()];
}

export function identityAddressAllowed(email: string, signInEmail: string, identityDomains: readonly string[]): boolean {
  const lower = email.toLowerCase();
  if (lower === signInEmail.toLowerCase()) return true;
  const domain = lower.slice(lower.lastIndexOf("@") + 1);
  return identityDomainsFor(signInEmail, identityDomains).includes(domain);
}
