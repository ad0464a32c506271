import type { Transferable, Worker } from "node:worker_threads";

export interface WorkerPoolOptions {
  /** Workers at most; each runs one job at a time. */
  size: number;
  /** Jobs that may wait for a worker; more are refused at once. */
  maxQueued: number;
  /** A job running longer ends its worker (a new one takes its place) and fails. */
  jobTimeoutMs: number;
  /** A worker that has not said it is ready after this long is ended (its loading is not a job's time). */
  startTimeoutMs: number;
  /** Starts a worker that posts `{ ready: true }` once loaded, then answers `{ id, request }` with `{ id, ok, result? }`. */
  spawn: () => Worker;
}

/** Why a job gave no result: refused (queue full), too slow, its worker died (e.g. out of memory), or it threw. */
export class WorkerJobError extends Error {
  constructor(readonly reason: "busy" | "timeout" | "crashed" | "failed") {
    super(`Worker job ${reason}`);
    this.name = "WorkerJobError";
  }
}

type Reply = { ready: true } | { id: number; ok: true; result: unknown } | { id: number; ok: false };

interface Job {
  id: number;
  request: unknown;
  transfer: Transferable[];
  resolve: (result: unknown) => void;
  reject: (error: WorkerJobError) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job?: Job;
  timer?: NodeJS.Timeout;
}

/**
 * A few worker threads for CPU-heavy work on untrusted input. A job runs in a worker with memory
 * limits (set by `spawn`) and a time limit; a worker that overruns is ended and replaced, and its
 * job fails cleanly. Idle workers do not keep the process alive.
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;

  constructor(private readonly options: WorkerPoolOptions) {}

  /** Runs a job; what `transfer` lists is moved to the worker, not copied (it is unusable here afterwards). */
  run(request: unknown, transfer: Transferable[] = []): Promise<unknown> {
    if (this.queue.length >= this.options.maxQueued) return Promise.reject(new WorkerJobError("busy"));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, request, transfer, resolve, reject });
      this.dispatch();
    });
  }

  /** Starts the workers now (at server start-up), so that the first job does not wait while one loads. */
  warm(): void {
    while (this.slots.length < this.options.size) this.spawn();
  }

  /** Ends every worker (tests; a server keeps them). */
  async close(): Promise<void> {
    for (const job of this.queue.splice(0)) job.reject(new WorkerJobError("failed"));
    await Promise.all([...this.slots].map((slot) => this.retire(slot, "failed")));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const slot = this.slots.find((candidate) => candidate.ready && !candidate.job);
      if (!slot) {
        if (this.slots.length < this.options.size) this.spawn();
        return;
      }
      const job = this.queue.shift()!;
      slot.job = job;
      slot.timer = setTimeout(() => void this.retire(slot, "timeout"), this.options.jobTimeoutMs);
      slot.worker.ref();
      slot.worker.postMessage({ id: job.id, request: job.request }, job.transfer);
    }
  }

  private spawn(): Slot {
    const worker = this.options.spawn();
    const slot: Slot = { worker, ready: false };
    slot.timer = setTimeout(() => void this.retire(slot, "crashed"), this.options.startTimeoutMs);
    worker.on("message", (reply: Reply) => {
      if ("ready" in reply) {
        clearTimeout(slot.timer);
        slot.ready = true;
        worker.unref();
        this.dispatch();
        return;
      }
      const job = slot.job;
      if (!job || job.id !== reply.id) return;
      clearTimeout(slot.timer);
      slot.job = undefined;
      worker.unref();
      if (reply.ok) job.resolve(reply.result);
      else job.reject(new WorkerJobError("failed"));
      this.dispatch();
    });
    worker.on("error", () => void this.retire(slot, "crashed"));
    worker.on("exit", () => void this.retire(slot, "crashed"));
    this.slots.push(slot);
    return slot;
  }

  /** Takes a worker out of the pool and ends it; its job (if any) fails with `reason`. */
  private async retire(slot: Slot, reason: WorkerJobError["reason"]): Promise<void> {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    this.slots.splice(index, 1);
    clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = undefined;
    job?.reject(new WorkerJobError(reason));
    // A worker that never started will not start next time either: the waiting jobs fail rather than wait forever.
    if (!slot.ready) for (const waiting of this.queue.splice(0)) waiting.reject(new WorkerJobError(reason));
    this.dispatch();
    await slot.worker.terminate();
  }
}
