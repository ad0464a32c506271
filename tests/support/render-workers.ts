import type { WorkerPool } from "@/lib/mail/message/worker-pool";

/**
 * Ends the render workers, so that a test file (or the bench) leaves no threads behind. The app
 * never ends them: lib/mail/message/render-jobs.ts keeps its one pool on globalThis under this name.
 */
export async function closeRenderWorkers(): Promise<void> {
  const holder = globalThis as { __mailroomRenderPool?: WorkerPool };
  await holder.__mailroomRenderPool?.close();
  holder.__mailroomRenderPool = undefined;
}
