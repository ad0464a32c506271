import type { z } from "zod";
import { getCurrentSession, type CurrentSession } from "@/lib/auth/current-session";
import { UNAUTHORIZED, type ActionResult } from "./result";

/**
 * Wraps a server action: refuses without a signed-in session, validates the input with zod,
 * and hands the handler typed input and the session. A page's own check does not protect the
 * actions it renders, so every action goes through here.
 */
export function sessionAction<Schema extends z.ZodType, T>(
  schema: Schema,
  handler: (input: z.output<Schema>, session: CurrentSession) => Promise<ActionResult<T>>,
) {
  return async (input: z.input<Schema>): Promise<ActionResult<T>> => {
    const session = await getCurrentSession();
    if (!session) return UNAUTHORIZED;
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path.join(".") || "input";
        (fieldErrors[field] ??= []).push(issue.message);
      }
      return { ok: false, code: "invalid", error: "Please correct the highlighted fields.", fieldErrors };
    }
    return handler(parsed.data, session);
  };
}
