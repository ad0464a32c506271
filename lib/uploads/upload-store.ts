import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { UPLOAD_ID } from "@/lib/upload-id";

/**
 * Attachments on their way into a message: each file is streamed to `<dir>/<id>.bin` with a small
 * `<id>.json` beside it, so a 25 MB file is never held in memory. One directory per user.
 */

export interface UploadMeta {
  id: string;
  filename: string;
  contentType: string;
  size: number;
}

export class UploadTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`Upload larger than ${limitBytes} bytes`);
    this.name = "UploadTooLargeError";
  }
}

export function isUploadId(id: string): boolean {
  return UPLOAD_ID.test(id);
}

export function uploadDir(dataDir: string, userId: string): string {
  if (!UPLOAD_ID.test(userId)) throw new Error("user id must be a uuid");
  return path.join(dataDir, "uploads", userId);
}

export function uploadPath(dir: string, id: string): string {
  if (!isUploadId(id)) throw new Error("not an upload id");
  return path.join(dir, `${id}.bin`);
}

/** A file name safe to put in a header and on screen: no path, no control characters. */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";

  const clean = base
    .replace(/[\u0000-\u001f\u007f]/g, "")
    .trim()
    .slice(0, 200);
  return clean || "attachment";
}

function cleanContentType(type: string): string {
  const value = type.split(";")[0]?.trim().toLowerCase() ?? "";
  return /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(value) ? value : "application/octet-stream";
}

/** Streams `body` to disk, stopping with UploadTooLargeError as soon as it passes `maxBytes`. */
export async function saveUpload(dir: string, file: { filename: string; contentType: string; body: Readable | AsyncIterable<Uint8Array> }, maxBytes: number): Promise<UploadMeta> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const id = randomUUID();
  const target = uploadPath(dir, id);
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > maxBytes) callback(new UploadTooLargeError(maxBytes));
      else callback(null, chunk);
    },
  });
  try {
    await pipeline(file.body, counter, createWriteStream(target, { mode: 0o600 }));
  } catch (error) {
    await rm(target, { force: true });
    throw error;
  }
  const meta: UploadMeta = { id, filename: cleanFilename(file.filename), contentType: cleanContentType(file.contentType), size };
  await writeFile(path.join(dir, `${id}.json`), JSON.stringify(meta), { mode: 0o600 });
  return meta;
}

export async function readUploadMeta(dir: string, id: string): Promise<UploadMeta | null> {
  if (!isUploadId(id)) return null;
  try {
    const meta = JSON.parse(await readFile(path.join(dir, `${id}.json`), "utf8")) as UploadMeta;
    return meta.id === id ? meta : null;
  } catch {
    return null;
  }
}

export async function deleteUploads(dir: string, ids: string[]): Promise<void> {
  await Promise.all(ids.filter(isUploadId).flatMap((id) => [rm(path.join(dir, `${id}.bin`), { force: true }), rm(path.join(dir, `${id}.json`), { force: true })]));
}

/** Removes uploads older than `maxAgeMs` (abandoned compositions). */
export async function removeStaleUploads(dir: string, maxAgeMs: number, now = Date.now()): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  await Promise.all(
    names.map(async (name) => {
      const file = path.join(dir, name);
      const info = await stat(file).catch(() => null);
      if (info && now - info.mtimeMs > maxAgeMs) await rm(file, { force: true });
    }),
  );
}
