"use client";

import { EditorContent, useEditor, useEditorState, type Editor } from "@tiptap/react";
import { useEffect, useId, useRef, type ReactNode } from "react";
import { LineIcon } from "@/components/icons/line-icon";
import { ToolbarButton } from "@/components/ui/toolbar-button";
import { messageEditorExtensions } from "./message-editor-extensions";

interface FormattingCommand {
  label: string;
  run: (editor: Editor) => void;
  active?: (editor: Editor) => boolean;
  glyph: ReactNode;
}

const BUTTONS: FormattingCommand[] = [
  { label: "Bold", glyph: "B", run: (e) => e.chain().focus().toggleBold().run(), active: (e) => e.isActive("bold") },
  { label: "Italic", glyph: "I", run: (e) => e.chain().focus().toggleItalic().run(), active: (e) => e.isActive("italic") },
  { label: "Bulleted list", glyph: "•", run: (e) => e.chain().focus().toggleBulletList().run(), active: (e) => e.isActive("bulletList") },
  { label: "Numbered list", glyph: "1.", run: (e) => e.chain().focus().toggleOrderedList().run(), active: (e) => e.isActive("orderedList") },
  {
    label: "Link",
    glyph: <LineIcon name="link" />,
    run: (e) => {
      const previous = (e.getAttributes("link").href as string | undefined) ?? "https://";
      const href = window.prompt("Link address", previous);
      if (href === null) return;
      if (href.trim() === "") e.chain().focus().extendMarkRange("link").unsetLink().run();
      else e.chain().focus().extendMarkRange("link").setLink({ href: href.trim() }).run();
    },
    active: (e) => e.isActive("link"),
  },
  { label: "Quote", glyph: "❝", run: (e) => e.chain().focus().toggleBlockquote().run(), active: (e) => e.isActive("blockquote") },
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
        "aria-label": "Message",
        class: "prose-mail min-h-64 px-4 py-3 text-sm outline-none focus:ring-2 focus:ring-inset focus:ring-sky-500",
      },
    },
    onUpdate: ({ editor: current }) => onChange(current.getHTML()),
  });
  const activeLabels = useEditorState({
    editor,
    selector: ({ editor: current }) => (current ? BUTTONS.filter((button) => button.active?.(current)).map((button) => button.label) : []),
  });
  useEffect(() => {
    if (editor && editor.isEditable === Boolean(disabled)) editor.setEditable(!disabled, false);
  }, [editor, disabled]);

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div role="toolbar" aria-label="Formatting" className="flex flex-wrap gap-1 border-b border-slate-200 px-2 py-1">
        {BUTTONS.map((button) => (
          <ToolbarButton
            key={button.label}
            label={button.label}
            pressed={button.active ? (activeLabels ?? []).includes(button.label) : undefined}
            disabled={!editor || disabled}
            onPress={() => editor && button.run(editor)}
          >
            {button.glyph}
          </ToolbarButton>
        ))}
        <ToolbarButton label="Insert image" disabled={!editor || disabled} onPress={() => imageInput.current?.click()}>
          <LineIcon name="image" />
        </ToolbarButton>
        <input
          id={imageInputId}
          ref={imageInput}
          type="file"
          accept="image/png,image/jpeg,image/gif,image/webp"
          aria-label="Image to insert"
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
