import type { Readable } from "node:stream";
import type { FetchMessageObject, ImapFlow, MessageAddressObject, MessageStructureObject } from "imapflow";
import { decodeOrigin, formatAddress, isMessageId, ORIGIN_HEADER, plainTextFromHtml, type DraftOrigin } from "./build-message";
import { findSpecialFolder } from "../imap/special-folders";
import { draftMessageId, newestDraftUid } from "./drafts";
import { MessageNotFoundError } from "../imap/load-message";
import { isMissingMailboxError } from "../imap/missing-mailbox";
import { messageParts, partFilename } from "../message/parts";
import { forwardSubject, quoteForForward, quoteForReply, replySubject, type QuotedOriginal, type QuoteWording } from "../message/quote";

/** A file the composer starts with, once the caller stored it (lib/uploads/upload-store.ts UploadMeta fits). */
export interface StoredAttachment {
  id: string;
  filename: string;
  contentType: string;
  size: number;
}

/** A file of the original (an attachment, an inline image, or the whole message) for the new message to carry. */
export interface AttachmentToStore {
  filename: string;
  contentType: string;
  body: Readable;
}

/** Stores a file for the composer (e.g. in the user's uploads) and says what it became. */
export type StoreAttachment = (file: AttachmentToStore) => Promise<StoredAttachment>;

/** What the composer opens with: a new reply or forward, or a saved draft to continue. */
export interface ComposeStart {
  /** Set when continuing a draft: its Message-ID stays the same across versions. */
  messageId: string | null;
  from: string | null;
  to: string;
  cc: string;
  bcc: string;
  subject: string;
  html: string;
  text: string;
  plainText: boolean;
  attachments: StoredAttachment[];
  inReplyTo: string | null;
  references: string[];
  origin: DraftOrigin | null;
}

export type ComposeMode = "reply" | "replyAll" | "forward" | "forwardAsAttachment";

export interface StartContext {
  /** Where files of the original go: a forward's attachments, a draft's attachments and inline images. */
  storeAttachment: StoreAttachment;
  /** The user's own addresses, left out of Reply all. */
  ownAddresses: string[];
  /** The attribution and forward headings, in the sender's language. */
  quoteWording: QuoteWording;
}

const MAX_BODY_BYTES = 2 * 1024 * 1024;
const MAX_REFERENCES = 20;

async function downloadText(client: ImapFlow, uid: number, node: MessageStructureObject | undefined): Promise<string> {
  if (!node) return "";
  const download = await client.download(String(uid), node.part ?? "1", { uid: true, maxBytes: MAX_BODY_BYTES });
  if (!download.content) return "";
  const chunks: Buffer[] = [];
  for await (const chunk of download.content) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

async function copyPart(client: ImapFlow, uid: number, part: { part: string; filename: string; contentType: string }, context: StartContext): Promise<StoredAttachment | null> {
  const download = await client.download(String(uid), part.part, { uid: true });
  if (!download.content) return null;
  return context.storeAttachment({ filename: part.filename, contentType: part.contentType, body: download.content });
}

/** An inline image as copyPart takes it. */
function inlinePart(node: MessageStructureObject, index: number): { part: string; filename: string; contentType: string } {
  const contentType = (node.type || "application/octet-stream").toLowerCase();
  return { part: node.part || "1", filename: partFilename(node) || `image-${index + 1}`, contentType };
}

function addressList(list: MessageAddressObject[] | undefined): string {
  return (list ?? [])
    .filter((entry) => entry.address)
    .map((entry) => formatAddress({ name: entry.name ?? "", address: entry.address ?? "" }))
    .join(", ");
}

function headerValue(headers: Buffer | undefined, name: string): string {
  const match = new RegExp(`^${name}:\\s*(.*(?:\\r?\\n[ \\t].*)*)`, "im").exec(headers?.toString("latin1") ?? "");
  return (match?.[1] ?? "").replace(/\r?\n[ \t]+/g, " ").trim();
}

function bodyOfHtml(html: string): string {
  const match = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html);
  return (match?.[1] ?? html).trim();
}

async function fetchOriginal(client: ImapFlow, folder: string, uid: number): Promise<FetchMessageObject> {
  const message = await client.fetchOne(String(uid), { uid: true, envelope: true, bodyStructure: true, headers: ["references", ORIGIN_HEADER.toLowerCase()] }, { uid: true });
  if (!message || !message.envelope || !message.bodyStructure) throw new MessageNotFoundError(folder, uid);
  return message;
}

/** The folder's lock; MessageNotFoundError when the folder is gone. */
async function lockFolder(client: ImapFlow, folder: string, uid: number | null) {
  try {
    return await client.getMailboxLock(folder);
  } catch (error) {
    if (isMissingMailboxError(error)) throw new MessageNotFoundError(folder, uid);
    throw error;
  }
}

/**
 * A reply, reply-all or forward of folder/uid, with the original quoted. A forward carries exactly the
 * attachments the reader lists (lib/mail/message/parts.ts), each handed to `context.storeAttachment`.
 * Throws MessageNotFoundError when the original is gone.
 */
export async function startFromOriginal(client: ImapFlow, folder: string, uid: number, mode: ComposeMode, context: StartContext): Promise<ComposeStart> {
  const lock = await lockFolder(client, folder, uid);
  try {
    const message = await fetchOriginal(client, folder, uid);
    const envelope = message.envelope!;
    const parts = messageParts(message.bodyStructure!);
    const html = await downloadText(client, uid, parts.html);
    const text = (await downloadText(client, uid, parts.text)) || (html ? plainTextFromHtml(html) : "");
    const original: QuotedOriginal = {
      from: addressList(envelope.from),
      to: addressList(envelope.to),
      cc: addressList(envelope.cc),
      date: envelope.date ? new Date(envelope.date) : null,
      subject: envelope.subject ?? "",
      // The original's HTML is quoted as text: nothing from a stranger's HTML reaches the editor.
      html: null,
      text,
    };
    const messageId = envelope.messageId && isMessageId(envelope.messageId) ? envelope.messageId : null;
    const previous = headerValue(message.headers, "references").split(/\s+/).filter(isMessageId);
    const base = { messageId: null, from: null, bcc: "", plainText: false, attachments: [] as StoredAttachment[] };

    if (mode === "reply" || mode === "replyAll") {
      const own = new Set(context.ownAddresses.map((address) => address.toLowerCase()));
      const notOwn = (entry: MessageAddressObject) => Boolean(entry.address) && !own.has((entry.address ?? "").toLowerCase());
      const replyTo = envelope.replyTo?.length ? envelope.replyTo : envelope.from;
      const to = mode === "replyAll" ? [...(replyTo ?? []), ...(envelope.to ?? []).filter(notOwn)] : (replyTo ?? []);
      const quoted = quoteForReply(original, context.quoteWording);
      return {
        ...base,
        to: addressList(dedupe(to)),
        cc: mode === "replyAll" ? addressList(dedupe((envelope.cc ?? []).filter(notOwn))) : "",
        subject: replySubject(envelope.subject ?? ""),
        html: quoted.html,
        text: quoted.text,
        inReplyTo: messageId,
        references: messageId ? [...previous, messageId].slice(-MAX_REFERENCES) : previous.slice(-MAX_REFERENCES),
        origin: { kind: "reply", folder, uid },
      };
    }

    let attachments: StoredAttachment[];
    let quoted = { html: "<p></p>", text: "" };
    if (mode === "forwardAsAttachment") {
      const download = await client.download(String(uid), undefined, { uid: true });
      if (!download.content) throw new MessageNotFoundError(folder, uid);
      const filename = `${(envelope.subject || "message").replace(/[\\/:*?"<>|]/g, "_").slice(0, 100)}.eml`;
      attachments = [await context.storeAttachment({ filename, contentType: "message/rfc822", body: download.content })];
    } else {
      quoted = quoteForForward(original, context.quoteWording);
      attachments = [];
      for (const attachment of parts.attachments) {
        const copied = await copyPart(client, uid, attachment, context);
        if (copied) attachments.push(copied);
      }
    }
    return {
      ...base,
      to: "",
      cc: "",
      subject: forwardSubject(envelope.subject ?? ""),
      html: quoted.html,
      text: quoted.text,
      attachments,
      inReplyTo: null,
      references: [],
      origin: { kind: "forward", folder, uid },
    };
  } finally {
    lock.release();
  }
}

function dedupe(list: MessageAddressObject[]): MessageAddressObject[] {
  const seen = new Set<string>();
  return list.filter((entry) => {
    const key = (entry.address ?? "").toLowerCase();
    if (!key || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * A saved draft, to continue editing: found by Message-ID (newest version) or else by UID. Its
 * attachments and inline images are handed to `context.storeAttachment`; inline images point at the
 * upload URL. Throws MessageNotFoundError when the draft is gone.
 */
export async function startFromDraft(client: ImapFlow, draft: { uid?: number; messageId?: string }, context: StartContext): Promise<ComposeStart> {
  const messageId = draft.messageId ?? (draft.uid ? await draftMessageId(client, draft.uid) : null);
  const uid = messageId ? await newestDraftUid(client, messageId) : null;
  const folder = await findSpecialFolder(client, "\\Drafts");
  if (!uid || !messageId) throw new MessageNotFoundError(folder, draft.uid ?? null);
  const lock = await lockFolder(client, folder, uid);
  try {
    const message = await fetchOriginal(client, folder, uid);
    const envelope = message.envelope!;
    const parts = messageParts(message.bodyStructure!);
    let html = parts.html ? bodyOfHtml(await downloadText(client, uid, parts.html)) : "";
    const text = await downloadText(client, uid, parts.text);
    for (const [index, node] of parts.inlineImages.entries()) {
      const copied = await copyPart(client, uid, inlinePart(node, index), context);
      const cid = (node.id ?? "").replace(/^<|>$/g, "");
      if (copied && cid) html = html.split(`cid:${cid}`).join(`/api/uploads/${copied.id}`);
    }
    const attachments: StoredAttachment[] = [];
    for (const attachment of parts.attachments) {
      const copied = await copyPart(client, uid, attachment, context);
      if (copied) attachments.push(copied);
    }
    const inReplyTo = envelope.inReplyTo && isMessageId(envelope.inReplyTo) ? envelope.inReplyTo : null;
    return {
      messageId,
      from: envelope.from?.[0]?.address ?? null,
      to: addressList(envelope.to),
      cc: addressList(envelope.cc),
      bcc: addressList(envelope.bcc),
      subject: envelope.subject ?? "",
      html,
      text,
      plainText: !parts.html,
      attachments,
      inReplyTo,
      references: headerValue(message.headers, "references").split(/\s+/).filter(isMessageId),
      origin: decodeOrigin(headerValue(message.headers, ORIGIN_HEADER)),
    };
  } finally {
    lock.release();
  }
}
