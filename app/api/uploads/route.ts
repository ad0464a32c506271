import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { getLocale, getTranslations } from "next-intl/server";
import { getCurrentSession } from "@/lib/auth/current-session";
import { env } from "@/lib/env";
import { formatFileSize } from "@/lib/i18n/file-size";
import { describeUploadQuota, UploadQuotaError, withinUploadQuota } from "@/lib/uploads/upload-quota";
import { saveUpload, uploadDir, UploadTooLargeError } from "@/lib/uploads/upload-store";

/**
 * Receives one attachment as the raw request body (name in the X-File-Name header, URI-encoded),
 * streams it to the user's upload directory, and answers with its id. Refuses files over the limit
 * and uploads beyond the user's quota, counting the bytes as they arrive (Content-Length is only a hint).
 */
export async function POST(request: Request) {
  // The composer shows these words to the reader: in their language.
  const t = await getTranslations("errors");
  const locale = await getLocale();
  const session = await getCurrentSession();
  if (!session) return Response.json({ error: t("uploads.signIn") }, { status: 401 });
  if (request.headers.get("sec-fetch-site") === "cross-site") return Response.json({ error: t("uploads.notAllowed") }, { status: 403 });
  const limit = env().limits.attachmentBytes;
  const tooLarge = () => Response.json({ error: t("uploads.tooLarge", { limit: formatFileSize(limit, locale) }) }, { status: 413 });
  if (Number(request.headers.get("content-length") ?? 0) > limit) return tooLarge();
  if (!request.body) return Response.json({ error: t("uploads.empty") }, { status: 400 });
  let filename = "attachment";
  try {
    filename = decodeURIComponent(request.headers.get("x-file-name") ?? "attachment");
  } catch {
    // keep the default name
  }
  const dir = uploadDir(env().dataDir, session.userId);
  const body = request.body;
  try {
    const meta = await withinUploadQuota(dir, env().uploadQuota, limit, (maxBytes) =>
      saveUpload(
        dir,
        { filename, contentType: request.headers.get("content-type") ?? "application/octet-stream", body: Readable.fromWeb(body as NodeReadableStream<Uint8Array>) },
        maxBytes,
      ),
    );
    return Response.json(meta, { status: 201 });
  } catch (error) {
    if (error instanceof UploadQuotaError) return Response.json({ error: describeUploadQuota(error, t, locale) }, { status: 413 });
    if (error instanceof UploadTooLargeError) return tooLarge();
    return Response.json({ error: t("uploads.interrupted") }, { status: 400 });
  }
}
