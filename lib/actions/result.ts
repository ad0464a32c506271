/** What every server action returns: expected failures are values the UI shows, never thrown. */
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: string; code: "unauthorized" | "invalid" | "failed"; fieldErrors?: Record<string, string[]> };
