import type { UploadMeta } from "@/lib/uploads/upload-store";

/** Uploads one file to /api/uploads with XMLHttpRequest, reporting progress (0–100) as it goes. */
export function uploadFile(file: File, onProgress: (percent: number) => void, signal?: AbortSignal): Promise<UploadMeta> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", "/api/uploads");
    request.setRequestHeader("Content-Type", file.type || "application/octet-stream");
    request.setRequestHeader("X-File-Name", encodeURIComponent(file.name));
    request.responseType = "json";
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    request.onload = () => {
      const body = request.response as (UploadMeta & { error?: string }) | null;
      if (request.status === 201 && body) resolve(body);
      else reject(new Error(body?.error ?? "The upload failed. Please try again."));
    };
    request.onerror = () => reject(new Error("The upload failed: the connection to Mailroom was lost. Please try again."));
    request.onabort = () => reject(new Error("The upload was cancelled."));
    signal?.addEventListener("abort", () => request.abort());
    request.send(file);
  });
}
