import { readdir } from "node:fs/promises";
import path from "node:path";
import { isUploadId, removeStaleUploads } from "./upload-store";

/** Uploads older than this belong to compositions that were abandoned. */
export const ABANDONED_UPLOAD_MS = 24 * 60 * 60 * 1000;
const SWEEP_EVERY_MS = 60 * 60 * 1000;

const holder = globalThis as { __mailroomUploadSweeper?: NodeJS.Timeout };

/** Removes abandoned uploads of every user under `dataDir`; returns how many user folders it looked at. */
export async function sweepAbandonedUploads(dataDir: string, maxAgeMs = ABANDONED_UPLOAD_MS, now = Date.now()): Promise<number> {
  const root = path.join(dataDir, "uploads");
  let users: string[];
  try {
    users = await readdir(root);
  } catch {
    return 0;
  }
  const dirs = users.filter(isUploadId);
  for (const user of dirs) await removeStaleUploads(path.join(root, user), maxAgeMs, now);
  return dirs.length;
}

/** Every instance sweeps its upload folder at start and hourly (started from lib/start-server.ts). */
export function startUploadSweeper(dataDir: string): void {
  if (holder.__mailroomUploadSweeper) return;
  const sweep = () => void sweepAbandonedUploads(dataDir).catch((error: Error) => console.error(`Abandoned uploads could not be swept: ${error.name}`));
  sweep();
  holder.__mailroomUploadSweeper = setInterval(sweep, SWEEP_EVERY_MS);
  holder.__mailroomUploadSweeper.unref();
}
