import { z } from "zod";
import { relayHost } from "./outgoing-settings.validation";

export const MAX_DKIM_SELECTORS = 8;

/** DKIM selectors as typed: separated by spaces or commas, each letters, digits, "-", "_" and ".". */
const dkimSelectors = z
  .string()
  .max(400, "validation.selectorsTooLong")
  .transform((value) => value.split(/[\s,]+/).filter((selector) => selector !== ""))
  .pipe(
    z
      .array(
        z
          .string()
          .regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/, "validation.selectorFormat")
          .max(63, "validation.selectorTooLong"),
      )
      .max(MAX_DKIM_SELECTORS, "validation.tooManySelectors"),
  );

/** "Check deliverability": the relay as the form shows it (saved or not), and whether to ask DNS again. */
export const deliverabilityCheckSchema = z.discriminatedUnion("useCompanyRelay", [
  z.object({ useCompanyRelay: z.literal(true), dkimSelectors, force: z.boolean() }),
  z.object({ useCompanyRelay: z.literal(false), host: relayHost, dkimSelectors, force: z.boolean() }),
]);

export type DeliverabilityCheckInput = z.input<typeof deliverabilityCheckSchema>;
