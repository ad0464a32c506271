import type { FetchMessageObject, ImapFlow, MessageAddressObject, MessageStructureObject } from "imapflow";
import { decodeOrigin, formatAddress, isMessageId, ORIGIN_HEADER, plainTextFromHtml, type DraftOrigin } from "./build-message";
import { draftMessageId, findSpecialFolder, newestDraftUid } from "./drafts";
import { forwardSubject, quoteForForward, quoteForReply, replySubject, type QuotedOriginal } from "../message/quote";
import { saveUpload, type UploadMeta } from "../../uploads/upload-store";

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
  attachments: UploadMeta[];
  inReplyTo: string | null;
  references: string[];
  origin: DraftOrigin | null;
}

export type ComposeMode = "reply" | "replyAll" | "forward" | "forwardAsAttachment";

export interface StartContext {
  /** Where attachments of the original are copied to (the user's upload directory). */
  uploadDir: string;
  maxAttachmentBytes: number;
  /** The user's own addresses, left out of Reply all. */
  ownAddresses: string[];
}

interface Parts {
  text?: MessageStructureObject;
  html?: MessageStructureObject;
  attachments: MessageStructureObject[];
  inline: MessageStructureObject[];
}

const MAX_BODY_BYTES = 2 * 1024 * 1024;
const MAX_REFERENCES = 20;

function collectParts(node: MessageStructureObject, parts: Parts = { attachments: [], inline: [] }): Parts {
  const type = node.type.toLowerCase();
  if (type.startsWith("multipart/")) {
    for (const child of node.childNodes ?? []) collectParts(child, parts);
    return parts;
  }
  const named = Boolean(node.dispositionParameters?.filename || node.parameters?.name);
  const attachment = node.disposition === "attachment" || (named && !type.startsWith("image/")) || type === "message/rfc822";
  if (!attachment && type === "text/plain" && !parts.text) parts.text = node;
  else if (!attachment && type === "text/html" && !parts.html) parts.html = node;
  else if (!attachment && node.id && type.startsWith("image/")) parts.inline.push(node);
  else parts.attachments.push(node);
  return parts;
}

function partFilename(node: MessageStructureObject): string {
  return node.dispositionParameters?.filename || node.parameters?.name || (node.type === "message/rfc822" ? "message.eml" : "attachment");
}

async function downloadText(client: ImapFlow, uid: number, node: MessageStructureObject | undefined): Promise<string> {
  if (!node) return "";
  const download = await client.download(String(uid), node.part ?? "1", { uid: true, maxBytes: MAX_BODY_BYTES });
  if (!download.content) return "";
  const chunks: Buffer[] = [];
  for await (const chunk of download.content) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

async function copyPart(client: ImapFlow, uid: number, node: MessageStructureObject, context: StartContext): Promise<UploadMeta | null> {
  const download = await client.download(String(uid), node.part ?? "1", { uid: true });
  if (!download.content) return null;
  return saveUpload(context.uploadDir, { filename: partFilename(node), contentType: node.type, body: download.content }, context.maxAttachmentBytes);
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

async function fetchOriginal(client: ImapFlow, uid: number): Promise<FetchMessageObject> {
  const message = await client.fetchOne(String(uid), { uid: true, envelope: true, bodyStructure: true, headers: ["references", ORIGIN_HEADER.toLowerCase()] }, { uid: true });
  if (!message || !message.envelope || !message.bodyStructure) throw new OriginalNotFoundError();
  return message;
}

export class OriginalNotFoundError extends Error {
  constructor() {
    super("The message is no longer there. It may have been moved or deleted.");
    this.name = "OriginalNotFoundError";
  }
}

/** A reply, reply-all or forward of folder/uid, with the original quoted and (forwards) its attachments copied to uploads. */
export async function startFromOriginal(client: ImapFlow, folder: string, uid: number, mode: ComposeMode, context: StartContext): Promise<ComposeStart> {
  const lock = await client.getMailboxLock(folder);
  try {
    const message = await fetchOriginal(client, uid);
    const envelope = message.envelope!;
    const parts = collectParts(message.bodyStructure!);
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
    const base = { messageId: null, from: null, bcc: "", plainText: false, attachments: [] as UploadMeta[] };

    if (mode === "reply" || mode === "replyAll") {
      const own = new Set(context.ownAddresses.map((address) => address.toLowerCase()));
      const notOwn = (entry: MessageAddressObject) => Boolean(entry.address) && !own.has((entry.address ?? "").toLowerCase());
      const replyTo = envelope.replyTo?.length ? envelope.replyTo : envelope.from;
      const to = mode === "replyAll" ? [...(replyTo ?? []), ...(envelope.to ?? []).filter(notOwn)] : (replyTo ?? []);
      const quoted = quoteForReply(original);
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

    let attachments: UploadMeta[];
    let quoted = { html: "<p></p>", text: "" };
    if (mode === "forwardAsAttachment") {
      const download = await client.download(String(uid), undefined, { uid: true });
      if (!download.content) throw new OriginalNotFoundError();
      const filename = `${(envelope.subject || "message").replace(/[\\/:*?"<>|]/g, "_").slice(0, 100)}.eml`;
      attachments = [await saveUpload(context.uploadDir, { filename, contentType: "message/rfc822", body: download.content }, context.maxAttachmentBytes)];
    } else {
      quoted = quoteForForward(original);
      attachments = [];
      for (const node of parts.attachments) {
        const copied = await copyPart(client, uid, node, context);
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
 * attachments and inline images are copied to uploads; inline images point at the upload URL.
 */
export async function startFromDraft(client: ImapFlow, draft: { uid?: number; messageId?: string }, context: StartContext): Promise<ComposeStart> {
  const messageId = draft.messageId ?? (draft.uid ? await draftMessageId(client, draft.uid) : null);
  const uid = messageId ? await newestDraftUid(client, messageId) : null;
  if (!uid || !messageId) throw new OriginalNotFoundError();
  const folder = await findSpecialFolder(client, "\\Drafts");
  const lock = await client.getMailboxLock(folder);
  try {
    const message = await fetchOriginal(client, uid);
    const envelope = message.envelope!;
    const parts = collectParts(message.bodyStructure!);
    let html = parts.html ? bodyOfHtml(await downloadText(client, uid, parts.html)) : "";
    const text = await downloadText(client, uid, parts.text);
    for (const node of parts.inline) {
      const copied = await copyPart(client, uid, node, context);
      const cid = (node.id ?? "").replace(/^<|>$/g, "");
      if (copied && cid) html = html.split(`cid:${cid}`).join(`/api/uploads/${copied.id}`);
    }
    const attachments: UploadMeta[] = [];
    for (const node of parts.attachments) {
      const copied = await copyPart(client, uid, node, context);
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
