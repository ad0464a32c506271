import type { z } from "zod";

/** A translator of the whole catalogue (no namespace, e.g. `await getTranslations()`), in the reader's language. */
interface Translator {
  (key: string, values?: Record<string, string | number>): string;
  has(key: string): boolean;
}

/**
 * A zod issue in the reader's language. The schemas (lib/actions/*.validation.ts) give catalogue
 * keys as their messages ("validation.addressTooLong"), worded here with the issue's bound
 * (`{max}`, `{min}`) and a refinement's own `params`. A check without a key of ours (zod's own
 * English) gets the general "not valid" rather than its English text.
 */
export function issueText(issue: z.core.$ZodIssue, t: Translator): string {
  if (!issue.message.startsWith("validation.") || !t.has(issue.message)) return t("validation.invalid");
  const bounds = {
    ...(issue.code === "too_big" ? { max: Number(issue.maximum) } : {}),
    ...(issue.code === "too_small" ? { min: Number(issue.minimum) } : {}),
  };
  return t(issue.message, { ...bounds, ...(issue.code === "custom" ? (issue.params as Record<string, string | number> | undefined) : {}) });
}
