import { Worker } from "node:worker_threads";
import { afterEach, describe, expect, it } from "vitest";
import { WorkerJobError, WorkerPool } from "./worker-pool";

// A worker that answers `{ spin: ms }` after burning that much CPU (with the size of `bytes`, if sent), and exits on `{ exit: true }`.
const SCRIPT = `
const { parentPort } = require("node:worker_threads");
parentPort.on("message", ({ id, request }) => {
  if (request.exit) process.exit(3);
  const until = Date.now() + request.spin;
  while (Date.now() < until) {}
  parentPort.postMessage({ id, ok: true, result: request.bytes ? request.bytes.byteLength : request.spin });
});
parentPort.postMessage({ ready: true });
`;

let pool: WorkerPool | undefined;
afterEach(async () => {
  await pool?.close();
});

function newPool(options: Partial<{ size: number; maxQueued: number; jobTimeoutMs: number }> = {}) {
  pool = new WorkerPool({ size: 1, maxQueued: 4, jobTimeoutMs: 500, startTimeoutMs: 10_000, spawn: () => new Worker(SCRIPT, { eval: true }), ...options });
  return pool;
}

describe("WorkerPool", () => {
  it("runs jobs in order on its workers", async () => {
    const workers = newPool({ size: 2 });
    expect(await Promise.all([workers.run({ spin: 10 }), workers.run({ spin: 20 }), workers.run({ spin: 1 })])).toEqual([10, 20, 1]);
  });

  it("ends a job that runs too long, and the next job gets a fresh worker", async () => {
    const workers = newPool();
    await expect(workers.run({ spin: 5_000 })).rejects.toEqual(new WorkerJobError("timeout"));
    expect(await workers.run({ spin: 1 })).toBe(1);
  });

  it("fails the job of a worker that dies, and refuses jobs beyond the queue", async () => {
    const workers = newPool({ maxQueued: 2 });
    await expect(workers.run({ exit: true })).rejects.toEqual(new WorkerJobError("crashed"));
    const first = workers.run({ spin: 200 });
    const queued = workers.run({ spin: 1 });
    await expect(workers.run({ spin: 1 })).rejects.toEqual(new WorkerJobError("busy"));
    expect(await Promise.all([first, queued])).toEqual([200, 1]);
  });

  it("starts its workers when warmed, before any job", async () => {
    let spawned = 0;
    pool = new WorkerPool({
      size: 2,
      maxQueued: 4,
      jobTimeoutMs: 500,
      startTimeoutMs: 10_000,
      spawn: () => {
        spawned++;
        return new Worker(SCRIPT, { eval: true });
      },
    });
    pool.warm();
    pool.warm();
    expect(spawned).toBe(2);
    expect(await Promise.all([pool.run({ spin: 1 }), pool.run({ spin: 2 })])).toEqual([1, 2]);
    expect(spawned).toBe(2);
  });

  it("moves the memory it is told to transfer, rather than copying it", async () => {
    const workers = newPool();
    const bytes = new Uint8Array(1024 * 1024);
    expect(await workers.run({ spin: 0, bytes }, [bytes.buffer])).toBe(1024 * 1024);
    expect(bytes.byteLength).toBe(0);
  });

  it("keeps the caller's event loop free while a worker spins", async () => {
    const workers = newPool();
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    await workers.run({ spin: 300 });
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(10);
  });
});
