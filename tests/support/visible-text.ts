import type { MessageBodyView } from "@/lib/mail/message/body";
import type { TextBlock } from "@/lib/mail/message/plain-text";

/** Whether a reader sees any text in the body (the MIME corpus check lists the messages where none is seen). */
export function bodyHasText(body: MessageBodyView): boolean {
  if (body.kind === "html") return body.hasText;
  if (body.kind === "text") return hasVisibleText(body.blocks);
  return false;
}

/** Whether the blocks hold any visible character (a notice is not the message's text). */
function hasVisibleText(blocks: TextBlock[]): boolean {
  return blocks.some((block) => {
    if (block.kind === "notice") return false;
    return block.kind === "quote" ? hasVisibleText(block.blocks) : block.segments.some((segment) => segment.text.trim().length > 0);
  });
}
