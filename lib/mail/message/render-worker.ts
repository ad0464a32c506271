// The render worker's entry: parses and renders untrusted messages away from the request thread.
import { parentPort, type MessagePort } from "node:worker_threads";
import type { LoadedMessage, ServerFields } from "../imap/load-message";
import { sanitizeMessageHtml } from "../sanitize/html";
import type { LinkWarningWords } from "../sanitize/link-hosts";
import { unrenderedPart, type RenderedMessage } from "./body";
import { loadedMessage } from "./loaded";
import { renderMessage } from "./render-message";
import { parseMessage } from "./parse";
import type { AttachmentInfo } from "./parts";

/** What the request thread asks of the render worker: open (parse, list the parts, render) one message. */
export interface RenderRequest {
  source: Uint8Array[];
  server: ServerFields;
  serverAttachments: AttachmentInfo[] | null;
  linkWarnings: LinkWarningWords;
  port: MessagePort;
}

/** What a job asks on its port once the message is parsed; the answer is whether remote content is allowed. */
export interface RemoteQuestion {
  sender: string;
  /** What the reader is shown if rendering then fails. */
  parsed: LoadedMessage;
}

parentPort?.on("message", async ({ id, request }: { id: number; request: RenderRequest }) => {
  try {
    const result = await openMessage(request);
    parentPort?.postMessage({ id, ok: true, result });
  } catch {
    parentPort?.postMessage({ id, ok: false });
  }
});

async function openMessage(request: RenderRequest): Promise<RenderedMessage> {
  const message = loadedMessage(request.server, await parseMessage(joined(request.source)), request.serverAttachments);
  const question: RemoteQuestion = { sender: message.from[0]?.address ?? "", parsed: unrenderedPart(message) };
  const allowRemote = await new Promise<boolean>((resolve) => {
    request.port.once("message", (answer: unknown) => resolve(answer === true));
    request.port.postMessage(question);
  });
  request.port.close();
  return renderMessage(message, { allowRemote, uidValidity: message.uidValidity, linkWarnings: request.linkWarnings });
}

/** The source from its pieces (joined here, not on the request thread). */
function joined(pieces: Uint8Array[]): Buffer {
  return pieces.length === 1 ? asBuffer(pieces[0]!) : Buffer.concat(pieces);
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

// Building the sanitiser's window is the slow part of starting: done before the first job, not in it.
sanitizeMessageHtml("<p>ready</p>", { allowRemote: false, linkWarnings: { locale: "en", otherSite: "", mixedScripts: "" } });
parentPort?.postMessage({ ready: true });
