import type { LoadedMessage, ServerFields } from "../imap/load-message";
import type { ParsedMessage } from "./parse";
import type { AttachmentInfo } from "./parts";

/**
 * A message as the reader gets it: what the IMAP server says of it (flags, size, arrival) and what
 * its source says. The attachments are the server's when given (the source was cut short).
 */
export function loadedMessage(server: ServerFields, content: ParsedMessage, serverAttachments: AttachmentInfo[] | null): LoadedMessage {
  const { arrived, ...fields } = server;
  return { ...fields, ...content, date: content.date ?? arrived, attachments: serverAttachments ?? content.attachments };
}
