import { z } from "zod";

export const SIGNATURE_MAX = 20_000;

const address = z.string().trim().toLowerCase().max(320, "validation.addressTooLong").pipe(z.email("validation.emailInvalid"));

const identityFields = {
  displayName: z.string().trim().max(200, "validation.displayNameTooLong"),
  signatureHtml: z.string().max(SIGNATURE_MAX, "validation.signatureTooLong"),
  replyTo: z
    .string()
    .trim()
    .toLowerCase()
    .max(320, "validation.addressTooLong")
    .pipe(z.union([z.literal(""), z.email("validation.replyToInvalid")])),
};

export const newIdentitySchema = z.object({ email: address, ...identityFields });
export const identityUpdateSchema = z.object({ id: z.uuid("validation.unknownIdentity"), ...identityFields });
export const identityIdSchema = z.object({ id: z.uuid("validation.unknownIdentity") });
export const identityCodeSchema = z.object({
  id: z.uuid("validation.unknownIdentity"),
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, "validation.codeFormat"),
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
