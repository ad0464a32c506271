// Server-only: the one place that starts render workers.
import { availableParallelism } from "node:os";
import { MessageChannel, Worker } from "node:worker_threads";
import type { LoadedMessage, ServerFields } from "../imap/load-message";
import { unrenderedMessage, type RenderedMessage } from "./body";
import type { LinkWarningWords } from "../sanitize/link-hosts";
import type { AttachmentInfo } from "./parts";
import type { RemoteQuestion, RenderRequest } from "./render-worker";
import { WorkerJobError, WorkerPool } from "./worker-pool";

// One or two workers of at most ~384 MB each, leaving a core to the request thread; a message gets
// 5 seconds (starting a worker is not counted).
const POOL = { size: Math.max(1, Math.min(2, availableParallelism() - 1)), maxQueued: 64, jobTimeoutMs: 5_000, startTimeoutMs: 60_000 };
const RESOURCE_LIMITS = { maxOldGenerationSizeMb: 384, maxYoungGenerationSizeMb: 48 };

// One pool per server process, kept on globalThis so that pages and route handlers share it (and
// tests/support/render-workers.ts can end it by this name).
const holder = globalThis as { __mailroomRenderPool?: WorkerPool };

function renderPool(): WorkerPool {
  holder.__mailroomRenderPool ??= new WorkerPool({
    ...POOL,
    // Under vitest/tsx this module is TypeScript and so is the worker: Node then needs tsx to load it
    // (its require hook: Node 20 registers `--import` hooks in a worker only after the worker's own
    // module has failed to load). The production bundle points at the worker's compiled JavaScript.
    spawn: () =>
      new Worker(new URL("./render-worker.ts", import.meta.url), {
        execArgv: runsFromTypeScript() ? ["--require", "tsx/cjs"] : [],
        resourceLimits: RESOURCE_LIMITS,
      }),
  });
  return holder.__mailroomRenderPool;
}

/**
 * Whether this module runs as TypeScript source (vitest, tsx) rather than in Next's bundle. In the
 * bundle import.meta.url still names the .ts source, so Next's own runtime flag tells them apart.
 */
function runsFromTypeScript(): boolean {
  return import.meta.url.endsWith(".ts") && !process.env.NEXT_RUNTIME;
}

/** The memory of the Buffers that have it to themselves (as large FETCH literals have), to be moved to a worker. */
function movableMemory(pieces: Buffer[]): ArrayBuffer[] {
  return pieces.flatMap(({ buffer, byteOffset, byteLength }) => (buffer instanceof ArrayBuffer && byteOffset === 0 && byteLength === buffer.byteLength ? [buffer] : []));
}

/**
 * Parses and renders a message (its source in pieces) in one render-worker job. The source is
 * moved there (not copied) and nothing of the body comes back but what the reader is shown: copying
 * megabytes between the threads (the source, then the decoded HTML there and back again) held the
 * request thread for hundreds of milliseconds. Once parsed, the worker asks `allowRemote` about the sender and hands
 * over the headers and start of the text, so a render that fails or takes too long still shows
 * them with a notice. The caller must not use `source` afterwards. Resolves with null when the
 * message could not even be parsed.
 */
export async function openMessageOffThread(
  source: Buffer[],
  server: ServerFields,
  serverAttachments: AttachmentInfo[] | null,
  allowRemote: (sender: string) => Promise<boolean>,
  linkWarnings: LinkWarningWords,
): Promise<{ rendered: RenderedMessage; allowRemote: boolean } | null> {
  const { port1, port2 } = new MessageChannel();
  let parsed: LoadedMessage | null = null;
  let allowed = false;
  port1.on("message", (question: RemoteQuestion) => {
    parsed = question.parsed;
    void Promise.resolve(question.sender)
      .then(allowRemote)
      .catch(() => false)
      .then((answer) => {
        allowed = answer;
        port1.postMessage(answer);
      });
  });
  const request = { source, server, serverAttachments, linkWarnings, port: port2 } satisfies RenderRequest;
  try {
    const rendered = (await renderPool().run(request, [port2, ...movableMemory(source)])) as RenderedMessage;
    return { rendered, allowRemote: allowed };
  } catch (error) {
    if (!parsed) return null;
    return { rendered: unrenderedMessage(parsed, error instanceof WorkerJobError && error.reason === "timeout" ? "timeout" : "unavailable"), allowRemote: allowed };
  } finally {
    port1.close();
  }
}

/** Starts the render workers at server start-up: the first message opened does not wait while they load. */
export function warmRenderWorkers(): void {
  renderPool().warm();
}
