import { generateHTML, generateJSON } from "@tiptap/core";
import { messageEditorExtensions } from "./message-editor-extensions";
import { plainTextFromHtml } from "./message-text";

/**
 * Changing From swaps the signature the server put in (lib/mail/compose/signature.ts: an empty line
 * to write on, "-- ", the signature, then any quoted original) for the new identity's, as long as
 * the writer has not edited it. Browser only: rich bodies are compared as the editor writes them.
 */

export interface MessageBodyState {
  html: string;
  text: string;
  plainText: boolean;
}

/** HTML as the Message editor serialises it, so a signature can be found in what the editor reports. */
function asEditorHtml(html: string): string {
  return generateHTML(generateJSON(html, messageEditorExtensions), messageEditorExtensions);
}

function signatureBlockHtml(signatureHtml: string): string {
  return asEditorHtml(`<p>-- </p>${signatureHtml}`);
}

function signatureBlockText(signatureHtml: string): string {
  return `-- \n${plainTextFromHtml(signatureHtml).trim()}\n`;
}

function replaceOnce(body: string, block: string, replacement: string): string | null {
  const at = body.indexOf(block);
  return at < 0 ? null : `${body.slice(0, at)}${replacement}${body.slice(at + block.length)}`;
}

/**
 * The body with `fromSignature` swapped for `toSignature`, or null to leave the body as it is: the
 * old signature was edited, or (when there was none) the writer has changed the body since `untouched`.
 */
export function swapSignature(body: MessageBodyState, untouched: MessageBodyState, fromSignature: string, toSignature: string): MessageBodyState | null {
  if (fromSignature.trim() === toSignature.trim()) return null;
  if (body.plainText) {
    const text = fromSignature.trim()
      ? replaceOnce(body.text, signatureBlockText(fromSignature), toSignature.trim() ? signatureBlockText(toSignature) : "")
      : body.text === untouched.text && untouched.plainText
        ? `\n\n${signatureBlockText(toSignature)}${body.text ? `\n${body.text}` : ""}`
        : null;
    return text === null ? null : { ...body, text };
  }
  const current = asEditorHtml(body.html);
  const html = fromSignature.trim()
    ? replaceOnce(current, signatureBlockHtml(fromSignature), toSignature.trim() ? signatureBlockHtml(toSignature) : "")
    : !untouched.plainText && current === asEditorHtml(untouched.html)
      ? asEditorHtml(`<p></p><p>-- </p>${toSignature}${body.html}`)
      : null;
  return html === null ? null : { ...body, html };
}

/** The body as plain text without the sender's signature: what the writer wrote (and quoted), for the checks before sending. */
export function textWithoutSignature(body: MessageBodyState, signatureHtml: string): string {
  if (body.plainText) return signatureHtml.trim() ? (replaceOnce(body.text, signatureBlockText(signatureHtml), "") ?? body.text) : body.text;
  const html = signatureHtml.trim() ? (replaceOnce(asEditorHtml(body.html), signatureBlockHtml(signatureHtml), "") ?? body.html) : body.html;
  return plainTextFromHtml(html);
}
