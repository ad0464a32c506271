import { plainTextFromHtml } from "./build-message";

export interface MessageBody {
  html: string;
  text: string;
}

/**
 * Puts an identity's signature into a new message: after an empty first line where the writer
 * types, above any quoted original (as in replies), behind the conventional "-- " separator.
 */
export function withSignature(body: MessageBody, signatureHtml: string): MessageBody {
  if (!signatureHtml.trim()) return body;
  const signatureText = plainTextFromHtml(signatureHtml).trim();
  return {
    html: `<p></p><p>-- </p>${signatureHtml}${body.html}`,
    text: `\n\n-- \n${signatureText}\n${body.text ? `\n${body.text}` : ""}`,
  };
}
