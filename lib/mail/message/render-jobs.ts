// Server-only: the one place that starts render workers.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { LoadedMessage } from "../imap/load-message";
import { unrenderedMessage, type RenderedMessage } from "./body";
import type { InlineImage, ParsedMessage } from "./parse";
import type { RenderRequest } from "./render-worker";
import { WorkerJobError, WorkerPool } from "./worker-pool";

// One or two workers of at most ~384 MB each, leaving a core to the request thread; a message gets
// 5 seconds (starting a worker is not counted).
const POOL = { size: Math.max(1, Math.min(2, availableParallelism() - 1)), maxQueued: 64, jobTimeoutMs: 5_000, startTimeoutMs: 60_000 };
const RESOURCE_LIMITS = { maxOldGenerationSizeMb: 384, maxYoungGenerationSizeMb: 48 };

// One pool per server process, kept on globalThis so that pages and route handlers share it.
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

/** Parses a raw message in a render worker. Throws WorkerJobError when it fails or takes too long. */
export async function parseMessageOffThread(source: Buffer): Promise<ParsedMessage> {
  const parsed = (await renderPool().run({ kind: "parse", source } satisfies RenderRequest)) as ParsedMessage;
  const inlineImages = new Map<string, InlineImage>();
  for (const [id, image] of parsed.inlineImages) inlineImages.set(id, { ...image, content: Buffer.from(image.content.buffer, image.content.byteOffset, image.content.byteLength) });
  return { ...parsed, inlineImages };
}

/**
 * Renders a message (sanitising its HTML) in a render worker. Never throws: a message that fails
 * or takes too long comes back as its headers, attachments, a notice and the start of its text.
 */
export async function renderMessageOffThread(message: LoadedMessage, options: { allowRemote: boolean }): Promise<RenderedMessage> {
  if (message.unreadable) return unrenderedMessage(message, "unreadable");
  try {
    return (await renderPool().run({ kind: "render", message, options: { ...options, uidValidity: message.uidValidity } } satisfies RenderRequest)) as RenderedMessage;
  } catch (error) {
    return unrenderedMessage(message, error instanceof WorkerJobError && error.reason === "timeout" ? "timeout" : "unavailable");
  }
}

/** Starts the render workers at server start-up: the first message opened does not wait while they load. */
export function warmRenderWorkers(): void {
  renderPool().warm();
}

/** Ends the render workers (tests). */
export async function closeRenderWorkers(): Promise<void> {
  await holder.__mailroomRenderPool?.close();
  holder.__mailroomRenderPool = undefined;
}
