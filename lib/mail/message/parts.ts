import type { MessageStructureObject } from "imapflow";
import { withoutBidiControls } from "./bidi-controls";

/** A file attached to a message, addressed by its IMAP body part number. */
export interface AttachmentInfo {
  part: string;
  filename: string;
  contentType: string;
  /** Decoded size in bytes (estimated from the transfer-encoded size). */
  size: number;
}

const BODY_TYPES = new Set(["text/plain", "text/html"]);

/** A message's leaf parts by role, from its BODYSTRUCTURE. The reader and the composer both use this one walk. */
export interface MessageParts {
  /** The first text/plain and text/html parts that are the message's own text (not attached files). */
  text?: MessageStructureObject;
  html?: MessageStructureObject;
  /** Images the HTML shows by Content-ID (inside multipart/related), not listed as attachments. */
  inlineImages: MessageStructureObject[];
  attachments: AttachmentInfo[];
}

/**
 * Sorts the leaf parts: a text body is a text/plain or text/html part with no file name that is not
 * marked as an attachment; an inline image is an image with a Content-ID inside multipart/related;
 * every other leaf is an attachment. Attached messages are one file each, not opened up.
 */
export function messageParts(structure: MessageStructureObject): MessageParts {
  const parts: MessageParts = { inlineImages: [], attachments: [] };
  const visit = (node: MessageStructureObject, parentType: string, depth: number) => {
    const type = (node.type || "application/octet-stream").toLowerCase();
    if (type.startsWith("multipart/") && node.childNodes?.length && depth < 50) {
      for (const child of node.childNodes) visit(child, type, depth + 1);
      return;
    }
    const disposition = (node.disposition ?? "").toLowerCase();
    const filename = partFilename(node);
    if (BODY_TYPES.has(type) && disposition !== "attachment" && !filename) {
      if (type === "text/plain") parts.text ??= node;
      else parts.html ??= node;
      return;
    }
    if (disposition !== "attachment" && parentType === "multipart/related" && node.id && type.startsWith("image/")) {
      parts.inlineImages.push(node);
      return;
    }
    if (type.startsWith("multipart/")) return;
    parts.attachments.push({
      part: node.part || "1",
      filename: filename || defaultFilename(type, parts.attachments.length + 1),
      contentType: type,
      size: decodedSize(node),
    });
  };
  visit(structure, "", 0);
  return parts;
}

/** The attachments of a message: what the reader lists and what a forward carries. */
export function listAttachments(structure: MessageStructureObject): AttachmentInfo[] {
  return messageParts(structure).attachments;
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
  // Never a path: only the last segment, without control characters or direction controls ("gpj.exe" shown as "exe.jpg").
  return withoutBidiControls(name.slice(0, 1_000))
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
