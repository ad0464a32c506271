import type { UploadMeta } from "@/lib/uploads/upload-store";
import type { ComposeTranslator } from "./compose-translator";

/** Uploads one file to /api/uploads with XMLHttpRequest, reporting progress (0–100) as it goes; `t` words a failure. */
export function uploadFile(file: File, t: ComposeTranslator, onProgress: (percent: number) => void, signal?: AbortSignal): Promise<UploadMeta> {
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
      else reject(new Error(body?.error ?? t("attachments.uploadFailed")));
    };
    request.onerror = () => reject(new Error(t("attachments.connectionLost")));
    request.onabort = () => reject(new Error(t("attachments.cancelled")));
    signal?.addEventListener("abort", () => request.abort());
    request.send(file);
  });
}
