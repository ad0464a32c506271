"use client";

import { EditorContent, useEditor, useEditorState } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import { useTranslations } from "next-intl";
import { ToolbarButton } from "@/components/ui/toolbar-button";

/** A small rich-text editor for a signature: bold, italic, lists, links. The server sanitises what it saves. */
export function IdentitySignatureEditor({
  labelId,
  describedBy,
  initialHtml,
  onChange,
}: {
  labelId: string;
  describedBy?: string;
  initialHtml: string;
  onChange: (html: string) => void;
}) {
  const t = useTranslations("settings.identities.signatureEditor");
  const editor = useEditor({
    extensions: [StarterKit.configure({ heading: false, code: false, codeBlock: false, horizontalRule: false, link: { openOnClick: false, autolink: true } })],
    content: initialHtml,
    immediatelyRender: false,
    editorProps: {
      attributes: {
        role: "textbox",
        "aria-multiline": "true",
        "aria-labelledby": labelId,
        ...(describedBy ? { "aria-describedby": describedBy } : {}),
        class: "min-h-24 px-3 py-2 text-sm text-slate-900 outline-none [&_a]:text-sky-700 [&_a]:underline [&_ol]:list-decimal [&_ol]:pl-5 [&_ul]:list-disc [&_ul]:pl-5",
      },
    },
    onUpdate: ({ editor: current }) => onChange(current.isEmpty ? "" : current.getHTML()),
  });
  const active = useEditorState({
    editor,
    selector: ({ editor: current }) => ({
      bold: current?.isActive("bold") ?? false,
      italic: current?.isActive("italic") ?? false,
      bulletList: current?.isActive("bulletList") ?? false,
    }),
  });

  return (
    <div className="rounded-lg border border-slate-300 bg-white shadow-sm focus-within:border-sky-600 focus-within:ring-2 focus-within:ring-sky-200">
      <div role="toolbar" aria-label={t("toolbar")} className="flex gap-1 border-b border-slate-200 p-1">
        <ToolbarButton label={t("bold")} pressed={active?.bold ?? false} onPress={() => editor?.chain().focus().toggleBold().run()}>
          <strong>{t("boldGlyph")}</strong>
        </ToolbarButton>
        <ToolbarButton label={t("italic")} pressed={active?.italic ?? false} onPress={() => editor?.chain().focus().toggleItalic().run()}>
          <em>{t("italicGlyph")}</em>
        </ToolbarButton>
        <ToolbarButton label={t("bulletList")} pressed={active?.bulletList ?? false} onPress={() => editor?.chain().focus().toggleBulletList().run()}>
          •
        </ToolbarButton>
      </div>
      <EditorContent editor={editor} />
    </div>
  );
}
