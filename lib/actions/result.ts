/** What every server action returns: expected failures are values the UI shows, never thrown. */
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: string; code: "unauthorized" | "invalid" | "failed"; fieldErrors?: Record<string, string[]> };

export const UNAUTHORIZED = {
  ok: false,
  code: "unauthorized",
  error: "Your session has ended. Please sign in again.",
} as const satisfies ActionResult<never>;
