import { unstable_rethrow } from "next/navigation";
import { getTranslations } from "next-intl/server";
import type { z } from "zod";
import { getCurrentSession, type CurrentSession } from "@/lib/auth/current-session";
import type { ActionResult } from "./result";
import { catchUnexpected } from "./unexpected-failure";
import { issueText } from "./validation-issue";

/**
 * Wraps a server action: refuses without a signed-in session, validates the input with zod,
 * and hands the handler typed input and the session. A page's own check does not protect the
 * actions it renders, so every action goes through here. An unexpected error is logged on the
 * server and comes back as a typed failure: actions never throw at the UI. Its words are in the
 * reader's language.
 */
export function sessionAction<Schema extends z.ZodType, T>(schema: Schema, handler: (input: z.output<Schema>, session: CurrentSession) => Promise<ActionResult<T>>) {
  return async (input: z.input<Schema>): Promise<ActionResult<T>> => {
    const t = await getTranslations("errors");
    const tAll = await getTranslations();
    return catchUnexpected(
      async () => {
        const session = await getCurrentSession();
        if (!session) return { ok: false, code: "unauthorized", error: t("sessionEnded") };
        const parsed = schema.safeParse(input);
        if (!parsed.success) {
          const fieldErrors: Record<string, string[]> = {};
          for (const issue of parsed.error.issues) {
            const field = issue.path.join(".") || "input";
            (fieldErrors[field] ??= []).push(issueText(issue, tAll));
          }
          return { ok: false, code: "invalid", error: t("correctFields"), fieldErrors };
        }
        return handler(parsed.data, session);
      },
      { rethrow: unstable_rethrow, unexpected: t("unexpected") },
    );
  };
}
