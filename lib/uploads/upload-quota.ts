import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { formatFileSize } from "@/lib/i18n/file-size";
import { UploadTooLargeError, type UploadMeta } from "./upload-store";

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

/** The user's quota is used up: `limit` says which part (the reader's words are made where it is shown). */
export class UploadQuotaError extends Error {
  constructor(
    readonly limit: "files" | "bytes",
    readonly quota: UploadQuota,
  ) {
    super(`Upload quota reached: ${limit}`);
    this.name = "UploadQuotaError";
  }
}

/** Which part of the quota is used up and what to do, with the errors catalogue's translator in the reader's language. */
export function describeUploadQuota(
  error: UploadQuotaError,
  t: (key: "uploads.quotaFiles" | "uploads.quotaBytes", values: Record<string, string | number>) => string,
  locale: string,
): string {
  return error.limit === "files" ? t("uploads.quotaFiles", { max: error.quota.maxFiles }) : t("uploads.quotaBytes", { limit: formatFileSize(error.quota.maxBytes, locale) });
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
      throw new UploadQuotaError("files", quota);
    }
    const left = quota.maxBytes - stored.bytes - pending.bytes;
    if (left <= 0) throw new UploadQuotaError("bytes", quota);
    const bytes = Math.min(perFileBytes, left);
    inFlight.set(dir, { files: pending.files + 1, bytes: pending.bytes + bytes });
    return bytes;
  });
  try {
    return await save(allowed);
  } catch (error) {
    if (error instanceof UploadTooLargeError && allowed < perFileBytes) throw new UploadQuotaError("bytes", quota);
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
