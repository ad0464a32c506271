import { describe, expect, it } from "vitest";
import { createHealthReader, type HealthReport } from "./health";

const OK: HealthReport = { status: "ok", database: "ok", imap: "ok" };
const IMAP_DOWN: HealthReport = { status: "unavailable", database: "ok", imap: "down" };

/** A check that stays pending until the test settles it, counting how often it was started. */
function heldChecks() {
  const pending: { resolve: (report: HealthReport) => void; reject: (error: Error) => void }[] = [];
  return {
    check: () => new Promise<HealthReport>((resolve, reject) => pending.push({ resolve, reject })),
    started: () => pending.length,
    settle: (index: number, report: HealthReport) => pending[index]?.resolve(report),
    fail: (index: number, error: Error) => pending[index]?.reject(error),
  };
}

const PENDING = Symbol("pending");
/** What a promise has resolved to by now, or `PENDING` when it is still pending. */
async function stateOf<T>(promise: Promise<T>): Promise<T | typeof PENDING> {
  return Promise.race([promise, new Promise<typeof PENDING>((resolve) => setImmediate(() => resolve(PENDING)))]);
}

/** A reader whose first check has answered OK at time 0; move `clock.ms` to age that answer. */
async function readerAfterOneCheck() {
  const clock = { ms: 0 };
  const checks = heldChecks();
  const reader = createHealthReader(checks.check, { freshMs: 2_000, staleMs: 10_000, now: () => clock.ms });
  const first = reader.read();
  checks.settle(0, OK);
  await first;
  return { checks, reader, clock };
}

describe("createHealthReader (what /api/health waits for)", () => {
  it("waits for the first check, and callers meanwhile share it", async () => {
    const checks = heldChecks();
    const reader = createHealthReader(checks.check, { freshMs: 2_000, staleMs: 10_000, now: () => 0 });
    const first = reader.read();
    const second = reader.read();
    expect(await stateOf(first)).toBe(PENDING);
    expect(checks.started()).toBe(1);
    checks.settle(0, OK);
    expect(await first).toEqual(OK);
    expect(await second).toEqual(OK);
  });

  it("answers from a fresh check without checking again", async () => {
    const { checks, reader, clock } = await readerAfterOneCheck();
    clock.ms = 1_999;
    expect(await reader.read()).toEqual(OK);
    expect(checks.started()).toBe(1);
  });

  it("gives the last answer at once while a newer check runs, then the newer one", async () => {
    const { checks, reader, clock } = await readerAfterOneCheck();

    clock.ms = 5_000;
    // The second check hangs (a busy IMAP server): the answer does not wait for it.
    expect(await stateOf(reader.read())).toEqual(OK);
    expect(await stateOf(reader.read())).toEqual(OK);
    expect(checks.started()).toBe(2);

    checks.settle(1, IMAP_DOWN);
    await new Promise((resolve) => setImmediate(resolve));
    expect(await reader.read()).toEqual(IMAP_DOWN);
    expect(checks.started()).toBe(2);
  });

  it("does not trust an answer older than staleMs: it waits for the check", async () => {
    const { checks, reader, clock } = await readerAfterOneCheck();

    clock.ms = 10_000;
    const late = reader.read();
    expect(await stateOf(late)).toBe(PENDING);
    checks.settle(1, IMAP_DOWN);
    expect(await late).toEqual(IMAP_DOWN);
  });

  it("keeps the last answer when a check it did not wait for fails, and checks again on the next read", async () => {
    const { checks, reader, clock } = await readerAfterOneCheck();
    clock.ms = 5_000;
    expect(await reader.read()).toEqual(OK);
    // Nobody waits for this check: its failure must not become an unhandled rejection (vitest fails the run on one).
    checks.fail(1, new Error("the check itself threw"));
    await new Promise((resolve) => setImmediate(resolve));
    expect(await stateOf(reader.read())).toEqual(OK);
    expect(checks.started()).toBe(3);
  });
});
