import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { formatBytes, UploadTooLargeError, type UploadMeta } from "./upload-store";

/**
 * Per-user upload quota: at most `maxFiles` uploads and `maxBytes` in total in a user's upload
 * directory, counting uploads still streaming in (each as the most it may still grow to). The
 * check and the reservation happen together per directory, so parallel uploads can't all slip
 * under the same remaining space; the size is then enforced on the stream as it is written.
 */

export interface UploadQuota {
  maxFiles: number;
  maxBytes: number;
}

/** The user's quota is used up; `message` says which part and what to do. */
export class UploadQuotaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UploadQuotaError";
  }
}

interface InFlight {
  files: number;
  bytes: number;
}

// Uploads streaming in on this instance, per directory (the directory is the instance's own).
const inFlight = new Map<string, InFlight>();
const checking = new Map<string, Promise<unknown>>();

/** Files and bytes a user's finished uploads take up. */
export async function storedUsage(dir: string): Promise<InFlight> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return { files: 0, bytes: 0 };
  }
  const sizes = await Promise.all(
    names
      .filter((name) => name.endsWith(".bin"))
      .map((name) =>
        stat(path.join(dir, name)).then(
          (info) => info.size,
          () => 0,
        ),
      ),
  );
  return { files: sizes.length, bytes: sizes.reduce((sum, size) => sum + size, 0) };
}

/** One check-and-reserve at a time per directory. */
function serialized<T>(dir: string, run: () => Promise<T>): Promise<T> {
  const previous = checking.get(dir) ?? Promise.resolve();
  const next = previous.then(run, run);
  checking.set(dir, next);
  const forget = () => {
    if (checking.get(dir) === next) checking.delete(dir);
  };
  next.then(forget, forget);
  return next;
}

/**
 * Runs `save` with the most bytes this upload may have (the per-file limit, or less when the quota
 * has less left), holding that much of the quota until it ends. Throws UploadQuotaError when no
 * upload fits; an UploadTooLargeError from `save` that stopped at the quota becomes one too.
 */
export async function withinUploadQuota(dir: string, quota: UploadQuota, perFileBytes: number, save: (maxBytes: number) => Promise<UploadMeta>): Promise<UploadMeta> {
  const allowed = await serialized(dir, async () => {
    const stored = await storedUsage(dir);
    const pending = inFlight.get(dir) ?? { files: 0, bytes: 0 };
    if (stored.files + pending.files >= quota.maxFiles) {
      throw new UploadQuotaError(`You have ${quota.maxFiles} files waiting to be sent, the most Mailroom keeps for you. Send or discard a draft with attachments first.`);
    }
    const left = quota.maxBytes - stored.bytes - pending.bytes;
    if (left <= 0) throw new UploadQuotaError(quotaFullMessage(quota));
    const bytes = Math.min(perFileBytes, left);
    inFlight.set(dir, { files: pending.files + 1, bytes: pending.bytes + bytes });
    return bytes;
  });
  try {
    return await save(allowed);
  } catch (error) {
    if (error instanceof UploadTooLargeError && allowed < perFileBytes) throw new UploadQuotaError(quotaFullMessage(quota));
    throw error;
  } finally {
    const pending = inFlight.get(dir);
    if (pending) {
      const left = { files: pending.files - 1, bytes: pending.bytes - allowed };
      if (left.files <= 0) inFlight.delete(dir);
      else inFlight.set(dir, left);
    }
  }
}

function quotaFullMessage(quota: UploadQuota): string {
  return `Your attachments waiting to be sent add up to ${formatBytes(quota.maxBytes)}, the most Mailroom keeps for you. Send or discard a draft with attachments first.`;
}
