import { convert } from "html-to-text";
import { escapeHtml } from "@/lib/escape-html";

/**
 * The composer's one conversion between its rich and plain bodies, in the browser. It converts as
 * the server does when it writes a message's text part (lib/mail/compose/build-message.ts), which
 * cannot be bundled for the browser: links as "text [url]", quotes as "> ", images left out.
 */
export function plainTextFromHtml(html: string): string {
  return convert(html, {
    wordwrap: 78,
    selectors: [
      { selector: "img", format: "skip" },
      { selector: "a", options: { hideLinkHrefIfSameAsText: true } },
    ],
  });
}

/** Plain text as HTML paragraphs: a blank line starts a paragraph, a single line break stays one. */
export function htmlFromPlainText(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, "<br>")}</p>`)
    .join("");
}
