import type { ActionResult } from "./result";

/** What the browser gets when an action failed in a way it did not expect: plain words, never the server's text. */
export const UNEXPECTED_FAILURE = {
  ok: false,
  code: "failed",
  error: "Something went wrong. Please try again in a moment.",
} as const satisfies ActionResult<never>;

export interface CatchOptions {
  /** Lets framework control flow through (Next.js redirect(), notFound(), dynamic rendering). */
  rethrow?: (error: unknown) => void;
  log?: (line: string) => void;
}

/**
 * Runs an action: an error it throws is logged on the server and becomes UNEXPECTED_FAILURE, so
 * no action ever throws at the UI. The log line names the error, never the input or the session.
 */
export async function catchUnexpected<T>(run: () => Promise<ActionResult<T>>, options: CatchOptions = {}): Promise<ActionResult<T>> {
  try {
    return await run();
  } catch (error) {
    options.rethrow?.(error);
    (options.log ?? console.error)(`A server action failed unexpectedly: ${describeErrorForLog(error)}`);
    return UNEXPECTED_FAILURE;
  }
}

const MAX_MESSAGE_CHARS = 300;

/**
 * An error as one log entry: name, code, the first line of its message (cut before any query
 * parameters, which drizzle puts in its messages and may hold sealed secrets), its stack frames and
 * its cause. Input values are not in it.
 */
export function describeErrorForLog(error: unknown, depth = 0): string {
  if (!(error instanceof Error)) return `a thrown ${typeof error}`;
  const code = (error as { code?: unknown }).code;
  const message = (error.message.split(/\r?\n|\bparams:/)[0] ?? "").slice(0, MAX_MESSAGE_CHARS);
  const frames = (error.stack ?? "")
    .split("\n")
    .filter((line) => /^\s+at /.test(line))
    .slice(0, 8)
    .join("\n");
  const cause = depth < 2 && error.cause !== undefined ? `\ncaused by ${describeErrorForLog(error.cause, depth + 1)}` : "";
  return `${error.name}${typeof code === "string" || typeof code === "number" ? ` (${code})` : ""}: ${message}${frames ? `\n${frames}` : ""}${cause}`;
}
