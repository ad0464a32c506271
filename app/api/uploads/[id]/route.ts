import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { getCurrentSession } from "@/lib/auth/current-session";
import { env } from "@/lib/env";
import { deleteUploads, readUploadMeta, uploadDir, uploadPath } from "@/lib/uploads/upload-store";

interface Params {
  params: Promise<{ id: string }>;
}

/** One of the user's own uploads, for inline images in the editor. Images only; anything else downloads. */
export async function GET(_request: Request, { params }: Params) {
  const session = await getCurrentSession();
  if (!session) return Response.json({ error: "Sign in first." }, { status: 401 });
  const { id } = await params;
  const dir = uploadDir(env().dataDir, session.userId);
  const meta = await readUploadMeta(dir, id);
  if (!meta) return Response.json({ error: "This upload is gone." }, { status: 404 });
  const image = /^image\/(png|jpeg|gif|webp)$/.test(meta.contentType);
  const body = Readable.toWeb(createReadStream(uploadPath(dir, id))) as ReadableStream<Uint8Array>;
  return new Response(body, {
    headers: {
      "Content-Type": image ? meta.contentType : "application/octet-stream",
      "Content-Length": String(meta.size),
      "Content-Disposition": `${image ? "inline" : "attachment"}; filename*=UTF-8''${encodeURIComponent(meta.filename)}`,
      "Cache-Control": "private, no-store",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}

/** Removes an upload the user took off the message. */
export async function DELETE(_request: Request, { params }: Params) {
  const session = await getCurrentSession();
  if (!session) return Response.json({ error: "Sign in first." }, { status: 401 });
  const { id } = await params;
  await deleteUploads(uploadDir(env().dataDir, session.userId), [id]);
  return new Response(null, { status: 204 });
}
