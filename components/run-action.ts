import { unstable_rethrow } from "next/navigation";
import type { ActionResult } from "@/lib/actions/result";

/** What the UI shows when a server action could not be reached or broke on the way. */
export const SERVER_UNREACHABLE = {
  ok: false,
  code: "failed",
  error: "Mailroom couldn't reach the server. Check your connection and try again; nothing you entered is lost.",
} as const satisfies ActionResult<never>;

/**
 * Calls a server action from the browser. A thrown error or a lost connection becomes a failed
 * result the caller shows like any other, never an unhandled rejection; Next.js's own signals
 * (a redirect after signing out, for one) pass through.
 */
export async function runAction<T>(action: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    return await action();
  } catch (error) {
    unstable_rethrow(error);
    return SERVER_UNREACHABLE;
  }
}
