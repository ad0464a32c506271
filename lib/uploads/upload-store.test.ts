import { mkdtempSync, rmSync, utimesSync, existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { cleanFilename, deleteUploads, readUploadMeta, removeStaleUploads, saveUpload, uploadPath, UploadTooLargeError } from "./upload-store";

const dir = mkdtempSync(path.join(os.tmpdir(), "uploads-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("upload store", () => {
  it("streams a file to disk and remembers its name, type and size", async () => {
    const meta = await saveUpload(
      dir,
      { filename: "../../etc/pass\nwd.txt", contentType: "text/plain; charset=utf-8", body: Readable.from([Buffer.from("abc"), Buffer.from("def")]) },
      100,
    );
    expect(meta).toMatchObject({ filename: "pass\nwd.txt".replace("\n", ""), contentType: "text/plain", size: 6 });
    expect(await readUploadMeta(dir, meta.id)).toEqual(meta);
    expect(existsSync(uploadPath(dir, meta.id))).toBe(true);
    await deleteUploads(dir, [meta.id]);
    expect(await readUploadMeta(dir, meta.id)).toBeNull();
  });

  it("stops at the size limit and leaves nothing behind", async () => {
    await expect(saveUpload(dir, { filename: "big", contentType: "x/y", body: Readable.from([Buffer.alloc(60), Buffer.alloc(60)]) }, 100)).rejects.toBeInstanceOf(
      UploadTooLargeError,
    );
  });

  it("refuses ids that are not upload ids (no path traversal)", async () => {
    expect(await readUploadMeta(dir, "../x")).toBeNull();
    expect(() => uploadPath(dir, "../../etc/passwd")).toThrow();
    expect(cleanFilename("C:\\Users\\x\\report.pdf")).toBe("report.pdf");
  });

  it("removes uploads older than the age limit", async () => {
    const meta = await saveUpload(dir, { filename: "old", contentType: "x/y", body: Readable.from([Buffer.from("1")]) }, 100);
    const old = new Date(Date.now() - 2 * 86_400_000);
    utimesSync(uploadPath(dir, meta.id), old, old);
    await removeStaleUploads(dir, 86_400_000);
    expect(existsSync(uploadPath(dir, meta.id))).toBe(false);
  });
});
