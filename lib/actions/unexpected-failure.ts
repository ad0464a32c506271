import type { ActionResult } from "./result";

export interface CatchOptions {
  /** What the browser is told instead of the error: plain words in the reader's language, never the server's text. */
  unexpected: string;
  /** Lets framework control flow through (Next.js redirect(), notFound(), dynamic rendering). */
  rethrow?: (error: unknown) => void;
  log?: (line: string) => void;
}

/**
 * Runs an action: an error it throws is logged on the server and becomes a failure that says
 * `options.unexpected`, so no action ever throws at the UI. The log line names the error, never the
 * input or the session.
 */
export async function catchUnexpected<T>(run: () => Promise<ActionResult<T>>, options: CatchOptions): Promise<ActionResult<T>> {
  try {
    return await run();
  } catch (error) {
    options.rethrow?.(error);
    (options.log ?? console.error)(`A server action failed unexpectedly: ${describeErrorForLog(error)}`);
    return { ok: false, code: "failed", error: options.unexpected };
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
