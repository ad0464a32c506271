import { mkdtempSync, readdirSync, rmSync, utimesSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { catalogueTranslator } from "@/lib/i18n/catalogue-translator";
import { BodyTooLargeError, readBoundedText } from "./bounded-body";
import { describeUploadQuota, storedUsage, UploadQuotaError, withinUploadQuota } from "./upload-quota";
import { saveUpload } from "./upload-store";
import { sweepAbandonedUploads } from "./upload-sweeper";

const root = mkdtempSync(path.join(os.tmpdir(), "upload-quota-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let dirs = 0;
const freshDir = () => path.join(root, `user-${++dirs}`);

/** An upload of `bytes` that arrives in small chunks, as a slow client's would. */
function upload(dir: string, bytes: number, quota: { maxFiles: number; maxBytes: number }, perFile = 1_000) {
  const chunks = Array.from({ length: Math.ceil(bytes / 50) }, (_, n) => Buffer.alloc(Math.min(50, bytes - n * 50)));
  return withinUploadQuota(dir, quota, perFile, (maxBytes) => saveUpload(dir, { filename: "f", contentType: "x/y", body: Readable.from(chunks) }, maxBytes));
}

describe("upload quota per user", () => {
  it("refuses the upload past the file count", async () => {
    const dir = freshDir();
    const quota = { maxFiles: 2, maxBytes: 10_000 };
    await upload(dir, 10, quota);
    await upload(dir, 10, quota);
    await expect(upload(dir, 10, quota)).rejects.toMatchObject({ limit: "files" });
    expect(await storedUsage(dir)).toEqual({ files: 2, bytes: 20 });
  });

  it("cuts an upload off as it passes the bytes left, and leaves nothing of it behind", async () => {
    const dir = freshDir();
    const quota = { maxFiles: 10, maxBytes: 500 };
    await upload(dir, 300, quota);
    await expect(upload(dir, 300, quota)).rejects.toBeInstanceOf(UploadQuotaError);
    expect(await storedUsage(dir)).toEqual({ files: 1, bytes: 300 });
    // What is left still fits.
    await upload(dir, 200, quota);
    await expect(upload(dir, 1, quota)).rejects.toMatchObject({ limit: "bytes" });
  });

  it("says which part of the quota is used up, in the reader's language", async () => {
    const quota = { maxFiles: 20, maxBytes: 50 * 1024 * 1024 };
    const english = await catalogueTranslator("errors");
    const german = await catalogueTranslator("errors", "de");
    expect(describeUploadQuota(new UploadQuotaError("files", quota), english, "en")).toMatch(/^You have 20 files waiting to be sent/);
    expect(describeUploadQuota(new UploadQuotaError("bytes", quota), german, "de")).toMatch(/^Ihre Anhänge, die auf das Senden warten, umfassen zusammen 50 MB/);
  });

  it("parallel uploads can't all slip under the same remaining space", async () => {
    const dir = freshDir();
    const quota = { maxFiles: 100, maxBytes: 3_000 };
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => upload(dir, 1_000, quota)));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(3);
    expect(results.filter((result) => result.status === "rejected" && result.reason instanceof UploadQuotaError)).toHaveLength(7);
    expect(await storedUsage(dir)).toEqual({ files: 3, bytes: 3_000 });
  });
});

describe("bounded request bodies", () => {
  const stream = (chunks: number[]) =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (const size of chunks) controller.enqueue(new Uint8Array(size).fill(97));
        controller.close();
      },
    });

  it("reads a body within the limit and stops at the first byte past it", async () => {
    expect(await readBoundedText(stream([3, 4]), 7)).toBe("aaaaaaa");
    await expect(readBoundedText(stream([5, 5, 5]), 7)).rejects.toBeInstanceOf(BodyTooLargeError);
  });
});

describe("sweeping abandoned uploads", () => {
  it("removes every user's uploads older than the age, keeps newer ones", async () => {
    const data = path.join(root, "data");
    const users = ["0b7c9f7e-8d1a-4c47-9a3e-1f2b3c4d5e6f", "1c8d0a8f-9e2b-4d58-8b4f-2a3b4c5d6e7f"].map((id) => path.join(data, "uploads", id));
    const quota = { maxFiles: 10, maxBytes: 10_000 };
    const old = await upload(users[0] ?? "", 10, quota);
    await upload(users[1] ?? "", 10, quota);
    const day = 24 * 60 * 60 * 1000;
    for (const suffix of [".bin", ".json"]) utimesSync(path.join(users[0] ?? "", `${old.id}${suffix}`), new Date(Date.now() - 2 * day), new Date(Date.now() - 2 * day));
    expect(await sweepAbandonedUploads(data, day)).toBe(2);
    expect(readdirSync(users[0] ?? "")).toEqual([]);
    expect(readdirSync(users[1] ?? "")).toHaveLength(2);
  });
});
