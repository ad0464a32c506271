"use client";

import { EditorContent, useEditor, useEditorState, type Editor } from "@tiptap/react";
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, type ReactNode } from "react";
import { LineIcon } from "@/components/icons/line-icon";
import { ToolbarButton } from "@/components/ui/toolbar-button";
import type { ComposeTranslator } from "./compose-translator";
import { messageEditorExtensions } from "./message-editor-extensions";

interface FormattingCommand {
  name: "bold" | "italic" | "bulletList" | "orderedList" | "link" | "quote";
  run: (editor: Editor, t: ComposeTranslator) => void;
  active?: (editor: Editor) => boolean;
  glyph: ReactNode;
}

const BUTTONS: FormattingCommand[] = [
  { name: "bold", glyph: "B", run: (e) => e.chain().focus().toggleBold().run(), active: (e) => e.isActive("bold") },
  { name: "italic", glyph: "I", run: (e) => e.chain().focus().toggleItalic().run(), active: (e) => e.isActive("italic") },
  { name: "bulletList", glyph: "•", run: (e) => e.chain().focus().toggleBulletList().run(), active: (e) => e.isActive("bulletList") },
  { name: "orderedList", glyph: "1.", run: (e) => e.chain().focus().toggleOrderedList().run(), active: (e) => e.isActive("orderedList") },
  {
    name: "link",
    glyph: <LineIcon name="link" />,
    run: (e, t) => {
      const previous = (e.getAttributes("link").href as string | undefined) ?? "https://";
      const href = window.prompt(t("editor.linkPrompt"), previous);
      if (href === null) return;
      if (href.trim() === "") e.chain().focus().extendMarkRange("link").unsetLink().run();
      else e.chain().focus().extendMarkRange("link").setLink({ href: href.trim() }).run();
    },
    active: (e) => e.isActive("link"),
  },
  { name: "quote", glyph: "❝", run: (e) => e.chain().focus().toggleBlockquote().run(), active: (e) => e.isActive("blockquote") },
];

/**
 * The "Message" field in rich text mode: Tiptap (see message-editor-extensions.ts) and a toolbar.
 */
export function RichTextEditor({
  initialHtml,
  onChange,
  onInsertImage,
  disabled,
}: {
  initialHtml: string;
  onChange: (html: string) => void;
  /** Uploads the picked image and resolves with the URL to show it from. */
  onInsertImage: (file: File) => Promise<string | null>;
  disabled?: boolean;
}) {
  const t = useTranslations("compose");
  const labels: Record<FormattingCommand["name"], string> = {
    bold: t("editor.bold"),
    italic: t("editor.italic"),
    bulletList: t("editor.bulletList"),
    orderedList: t("editor.orderedList"),
    link: t("editor.link"),
    quote: t("editor.quote"),
  };
  const imageInputId = useId();
  const imageInput = useRef<HTMLInputElement>(null);
  const editor = useEditor({
    extensions: messageEditorExtensions,
    content: initialHtml,
    immediatelyRender: false,
    editable: !disabled,
    editorProps: {
      attributes: {
        role: "textbox",
        "aria-multiline": "true",
        "aria-label": t("fields.message"),
        class: "prose-mail min-h-64 px-4 py-3 text-sm outline-none focus:ring-2 focus:ring-inset focus:ring-sky-500",
      },
    },
    onUpdate: ({ editor: current }) => onChange(current.getHTML()),
  });
  const activeNames = useEditorState({
    editor,
    selector: ({ editor: current }) => (current ? BUTTONS.filter((button) => button.active?.(current)).map((button) => button.name) : []),
  });
  useEffect(() => {
    if (editor && editor.isEditable === Boolean(disabled)) editor.setEditable(!disabled, false);
  }, [editor, disabled]);

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div role="toolbar" aria-label={t("editor.toolbar")} className="flex flex-wrap gap-1 border-b border-slate-200 px-2 py-1">
        {BUTTONS.map((button) => (
          <ToolbarButton
            key={button.name}
            label={labels[button.name]}
            pressed={button.active ? (activeNames ?? []).includes(button.name) : undefined}
            disabled={!editor || disabled}
            onPress={() => editor && button.run(editor, t)}
          >
            {button.glyph}
          </ToolbarButton>
        ))}
        <ToolbarButton label={t("editor.insertImage")} disabled={!editor || disabled} onPress={() => imageInput.current?.click()}>
          <LineIcon name="image" />
        </ToolbarButton>
        <input
          id={imageInputId}
          ref={imageInput}
          type="file"
          accept="image/png,image/jpeg,image/gif,image/webp"
          aria-label={t("editor.imageInput")}
          className="sr-only"
          tabIndex={-1}
          onChange={async (event) => {
            const file = event.target.files?.[0];
            event.target.value = "";
            if (!file || !editor) return;
            const src = await onInsertImage(file);
            if (src) editor.chain().focus().setImage({ src, alt: file.name }).run();
          }}
        />
      </div>
      <EditorContent editor={editor} className="min-h-0 flex-1 overflow-y-auto" />
    </div>
  );
}
