import type { Readable } from "node:stream";
import type { ImapFlow } from "imapflow";
import { MessageNotFoundError } from "./load-message";
import { isMissingMailboxError } from "./missing-mailbox";
import { findPart, partFilename } from "../message/parts";

export interface MessageStream {
  content: Readable;
  /** The MIME type the sender declared (lowercase). */
  contentType: string;
  filename: string;
}

/**
 * Streams one body part (transfer encoding removed, text left in its own charset), or the whole
 * raw message when `part` is null. The mailbox lock is held until the stream ends, fails or is
 * destroyed (the browser went away), so the connection is never left locked.
 */
export async function openMessageStream(client: ImapFlow, folder: string, uid: number, part: string | null): Promise<MessageStream> {
  const lock = await client.getMailboxLock(folder);
  let handedOver = false;
  try {
    let contentType = "message/rfc822";
    let filename = `message-${uid}.eml`;
    if (part) {
      const fetched = await client.fetchOne(String(uid), { uid: true, bodyStructure: true }, { uid: true });
      if (!fetched || !fetched.bodyStructure) throw new MessageNotFoundError(folder, uid);
      const node = findPart(fetched.bodyStructure, part);
      if (!node) throw new MessageNotFoundError(folder, uid);
      contentType = (node.type || "application/octet-stream").toLowerCase();
      filename = partFilename(node) || `attachment-${part}`;
    }
    const download = await client.download(String(uid), part ?? undefined, { uid: true, decodeText: false });
    if (!download.content) throw new MessageNotFoundError(folder, uid);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      lock.release();
    };
    download.content.once("end", release);
    download.content.once("close", release);
    download.content.once("error", release);
    handedOver = true;
    return { content: download.content, contentType, filename };
  } catch (error) {
    if (isMissingMailboxError(error)) throw new MessageNotFoundError(folder, uid);
    throw error;
  } finally {
    if (!handedOver) lock.release();
  }
}
