// The render worker's entry: parses and renders untrusted messages away from the request thread.
import { parentPort } from "node:worker_threads";
import type { LoadedMessage } from "../imap/load-message";
import { sanitizeMessageHtml } from "../sanitize/html";
import { renderMessage } from "./render-message";
import { parseMessage, type InlineImage } from "./parse";

/** What the request thread asks of the render worker. */
export type RenderRequest = { kind: "parse"; source: Uint8Array } | { kind: "render"; message: LoadedMessage; options: { allowRemote: boolean; uidValidity: string } };

parentPort?.on("message", async ({ id, request }: { id: number; request: RenderRequest }) => {
  try {
    const result = request.kind === "parse" ? await parseMessage(asBuffer(request.source)) : renderMessage(withBuffers(request.message), request.options);
    parentPort?.postMessage({ id, ok: true, result });
  } catch {
    parentPort?.postMessage({ id, ok: false });
  }
});

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Messages between threads carry Uint8Arrays where the sender had Buffers. */
function withBuffers(message: LoadedMessage): LoadedMessage {
  const inlineImages = new Map<string, InlineImage>();
  for (const [id, image] of message.inlineImages) inlineImages.set(id, { ...image, content: asBuffer(image.content) });
  return { ...message, inlineImages };
}

// Building the sanitiser's window is the slow part of starting: done before the first job, not in it.
sanitizeMessageHtml("<p>ready</p>", { allowRemote: false });
parentPort?.postMessage({ ready: true });
