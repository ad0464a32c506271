import type { MessageStructureObject } from "imapflow";

/** A file attached to a message, addressed by its IMAP body part number. */
export interface AttachmentInfo {
  part: string;
  filename: string;
  contentType: string;
  /** Decoded size in bytes (estimated from the transfer-encoded size). */
  size: number;
}

const BODY_TYPES = new Set(["text/plain", "text/html"]);

/**
 * The attachments of a message from its BODYSTRUCTURE: every leaf part that is not a text body and
 * not an inline image of the HTML (an image with a Content-ID inside multipart/related).
 * Attached messages are listed as one file each, not opened up.
 */
export function listAttachments(structure: MessageStructureObject): AttachmentInfo[] {
  const attachments: AttachmentInfo[] = [];
  const visit = (node: MessageStructureObject, parentType: string, depth: number) => {
    const type = (node.type || "application/octet-stream").toLowerCase();
    if (type.startsWith("multipart/") && node.childNodes?.length && depth < 50) {
      for (const child of node.childNodes) visit(child, type, depth + 1);
      return;
    }
    const disposition = (node.disposition ?? "").toLowerCase();
    const filename = partFilename(node);
    if (BODY_TYPES.has(type) && disposition !== "attachment" && !filename) return;
    if (disposition !== "attachment" && parentType === "multipart/related" && node.id && type.startsWith("image/")) return;
    if (type.startsWith("multipart/")) return;
    attachments.push({
      part: node.part || "1",
      filename: filename || defaultFilename(type, attachments.length + 1),
      contentType: type,
      size: decodedSize(node),
    });
  };
  visit(structure, "", 0);
  return attachments;
}

/** The part with this number, or undefined. */
export function findPart(structure: MessageStructureObject, part: string): MessageStructureObject | undefined {
  if ((structure.part || "1") === part && !structure.type.toLowerCase().startsWith("multipart/")) return structure;
  for (const child of structure.childNodes ?? []) {
    const found = findPart(child, part);
    if (found) return found;
  }
  return undefined;
}

export function partFilename(node: MessageStructureObject): string {
  const name = node.dispositionParameters?.filename ?? node.parameters?.name ?? "";
  // Never a path: only the last segment, without control characters.
  return name
    .replace(/[\u0000-\u001f\u007f]/g, "")
    .split(/[/\\]/)
    .pop()!
    .trim();
}

function defaultFilename(type: string, index: number): string {
  if (type === "message/rfc822") return `message-${index}.eml`;
  if (type === "text/calendar") return `invite-${index}.ics`;
  return `attachment-${index}`;
}

function decodedSize(node: MessageStructureObject): number {
  const size = node.size ?? 0;
  return (node.encoding ?? "").toLowerCase() === "base64" ? Math.floor((size * 3) / 4) : size;
}
