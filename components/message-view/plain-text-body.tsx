import { useTranslations } from "next-intl";
import type { TextBlock, TextSegment } from "@/lib/mail/message/plain-text";
import { BodyNotice } from "./body-notice";

/** A plain-text body: links made from addresses, quoted text folded away. */
export function PlainTextBody({ blocks }: { blocks: TextBlock[] }) {
  return (
    <div className="whitespace-pre-wrap break-words rounded-lg border border-slate-200 bg-white p-4 font-mono text-sm leading-relaxed text-slate-900">
      <Blocks blocks={blocks} nested={false} />
    </div>
  );
}

function Blocks({ blocks, nested }: { blocks: TextBlock[]; nested: boolean }) {
  const t = useTranslations("messageView");
  return (
    <>
      {blocks.map((block, index) =>
        block.kind === "notice" ? (
          <BodyNotice key={index} reason={block.reason} original={block.original} />
        ) : block.kind === "text" ? (
          <Segments key={index} segments={block.segments} />
        ) : nested ? (
          <blockquote key={index} className="my-1 border-l-2 border-slate-300 pl-3 text-slate-600">
            <Blocks blocks={block.blocks} nested />
          </blockquote>
        ) : (
          <details key={index} className="my-1">
            <summary className="cursor-pointer select-none font-sans text-xs text-slate-500">{t("quoted", { count: block.lineCount })}</summary>
            <blockquote className="border-l-2 border-slate-300 pl-3 text-slate-600">
              <Blocks blocks={block.blocks} nested />
            </blockquote>
          </details>
        ),
      )}
    </>
  );
}

function Segments({ segments }: { segments: TextSegment[] }) {
  return (
    <div>
      {segments.map((segment, index) =>
        segment.kind === "link" ? (
          <a key={index} href={segment.href} target="_blank" rel="noopener noreferrer" className="text-sky-700 underline">
            {segment.text}
          </a>
        ) : (
          <span key={index}>{segment.text}</span>
        ),
      )}
    </div>
  );
}
