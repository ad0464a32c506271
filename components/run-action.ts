import { unstable_rethrow } from "next/navigation";
import type { ActionResult } from "@/lib/actions/result";

/**
 * What the UI shows when a server action could not be reached or broke on the way. One object, so
 * a caller can tell it apart (`result === SERVER_UNREACHABLE`); its words are the page's language,
 * set once the page is up (ServerUnreachableWording in components/i18n/intl-provider.tsx).
 */
export const SERVER_UNREACHABLE: { ok: false; code: "failed"; error: string } = { ok: false, code: "failed", error: "" };

/** Words SERVER_UNREACHABLE in the page's language. */
export function wordServerUnreachable(error: string): void {
  SERVER_UNREACHABLE.error = error;
}

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
